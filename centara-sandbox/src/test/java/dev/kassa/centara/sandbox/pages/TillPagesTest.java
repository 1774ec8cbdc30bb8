package dev.kassa.centara.sandbox.pages;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kassa.centara.sandbox.CentaraTest;
import dev.kassa.common.testing.Http;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The till page over HTTP: Basic log-in with the admin token, open orders and their actions, selling. */
class TillPagesTest extends CentaraTest {

    private static final Map<String, String> LOGIN = Map.of("Authorization",
            "Basic " + Base64.getEncoder().encodeToString(("clerk:" + ADMIN_TOKEN).getBytes(StandardCharsets.UTF_8)));

    @BeforeEach
    void registry() {
        putSampleRegistry();
    }

    private Http.Response page(String path) {
        return Http.send("GET", base() + path, LOGIN, null);
    }

    private Http.Response submit(String path, String form) {
        Map<String, String> headers = new java.util.HashMap<>(LOGIN);
        headers.put("Content-Type", "application/x-www-form-urlencoded");
        return Http.send("POST", base() + path, headers, form);
    }

    private static String formToken(String html) {
        Matcher m = Pattern.compile("name=\"form\" value=\"([0-9a-f]+)\"").matcher(html);
        assertThat(m.find()).as("a form token on the page").isTrue();
        return m.group(1);
    }

    @Test
    void theStorePageShowsOpenOrdersAndTheStoreActsOnThem() {
        assertThat(Http.send("GET", base() + "/till/1", Map.of(), null).status()).isEqualTo(401);
        assertThat(Http.send("GET", base() + "/till/1", Map.of("Authorization", "Basic "
                + Base64.getEncoder().encodeToString("clerk:wrong".getBytes(StandardCharsets.UTF_8))), null).status())
                .isEqualTo(401);
        String orderId = api("POST", "/api/order", fixture("centara-order-sample.json"))
                .json().get("OrderId").asString();
        Http.Response store = page("/till/1");
        assertThat(store.status()).isEqualTo(200);
        assertThat(store.body()).contains("SHOPIFY-0001", "12269319", "Financiers Chocolate", "Active, fully paid");
        String token = formToken(store.body());

        assertThat(submit("/till/1/orders/" + orderId + "/close", "form=forged").status()).isEqualTo(403);
        assertThat(api("GET", "/api/order/" + orderId, null).json().get("Status").asInt()).isEqualTo(3);

        Http.Response ready = submit("/till/1/orders/" + orderId + "/ready", "form=" + token);
        assertThat(ready.status()).isEqualTo(303);
        assertThat(api("GET", "/api/order/" + orderId, null).json().get("Status").asInt()).isEqualTo(8);
        assertThat(page(ready.header("Location")).body()).contains("Ready for pickup, fully paid");
        submit("/till/1/orders/" + orderId + "/close", "form=" + token);
        assertThat(api("GET", "/api/order/" + orderId, null).json().get("Status").asInt()).isEqualTo(4);
        assertThat(page("/till/1").body()).contains("No open orders.");
        assertThat(submit("/till/2/orders/" + orderId + "/close", "form=" + token).header("Location"))
                .as("another store's order").contains("No+order");
    }

    @Test
    void sellingFromThePageRecordsATransactionAndBadInputIsShown() {
        String token = formToken(page("/till/1").body());
        Http.Response sold = submit("/till/1/sales", "form=" + token + "&item=5690000000017&quantity=2&price=70&tender=10");
        assertThat(sold.status()).isEqualTo(303);
        assertThat(page(sold.header("Location")).body()).contains("Recorded 1.1.1.1, total 140");
        assertThat(page("/till/1").body()).contains("<td>1.1.1.1</td>");
        Http.Response bad = submit("/till/1/sales", "form=" + token + "&item=nope&quantity=1&price=1&tender=10");
        assertThat(page(bad.header("Location")).body()).contains("Not recorded", "item &#39;nope&#39; does not exist");
        assertThat(state().get("activity").get("transactions")).hasSize(1);
        assertThat(page("/till/9").status()).isEqualTo(404);
        assertThat(page("/till").body()).contains("Reykjavík");
    }
}
