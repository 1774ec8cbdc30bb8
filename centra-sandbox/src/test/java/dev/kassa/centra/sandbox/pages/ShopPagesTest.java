package dev.kassa.centra.sandbox.pages;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kassa.centra.sandbox.SandboxTest;
import dev.kassa.centra.sandbox.shipfromstore.ShipFromStoreDataset;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The web-shop page over HTTP: Basic log-in with the admin token, a web order placed from its form (offered
 * to the shops ticked, or to Berlin as an allocation request), bad input shown and nothing placed, a form
 * without the page's token refused; orders, stock and webhook deliveries shown.
 */
class ShopPagesTest extends SandboxTest {

    private static final String LOGIN = "Basic " + Base64.getEncoder().encodeToString(("clerk:" + ADMIN_TOKEN)
            .getBytes(StandardCharsets.UTF_8));

    @BeforeEach
    void shops() {
        putState(ShipFromStoreDataset.json("http://127.0.0.1:9/hook", 0));
    }

    private Response page(String path) {
        return send("GET", path, "Authorization", LOGIN, null);
    }

    private Response submit(String form) {
        return sendForm("/shop/web-orders", form);
    }

    private Response sendForm(String path, String form) {
        try {
            var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(base() + path)).header("Authorization", LOGIN)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(form)).build();
            var r = java.net.http.HttpClient.newHttpClient().send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.body(), r);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String message(Response r) {
        String location = r.raw().headers().firstValue("Location").orElseThrow();
        return URLDecoder.decode(location.substring(location.indexOf("msg=") + 4), StandardCharsets.UTF_8);
    }

    private static String formToken(String html) {
        Matcher m = Pattern.compile("name=\"form\" value=\"([0-9a-f]+)\"").matcher(html);
        assertThat(m.find()).as("a form token on the page").isTrue();
        return m.group(1);
    }

    @Test
    void aWebOrderPlacedFromThePageIsOfferedToTheShopsTicked() {
        assertThat(send("GET", "/shop", "Authorization", "Basic " + Base64.getEncoder().encodeToString(
                "clerk:wrong".getBytes(StandardCharsets.UTF_8)), null).status()).isEqualTo(401);
        Response shop = page("/shop");
        assertThat(shop.status()).isEqualTo(200);
        assertThat(shop.body()).contains("Place a web order", "Wool Scarf Grey One Size", "Store Göteborg", "id=\"offer-3\"");
        String token = formToken(shop.body());
        String ean = ShipFromStoreDataset.EAN;

        assertThat(submit("form=forged&country=SE&ean=" + ean + "&qty=1&offer=3").status()).isEqualTo(403);
        assertThat(state().get("activity").get("orders")).isEmpty();

        Response bad = submit("form=" + token + "&country=SE&ean=" + ean + "&qty=0&offer=3&minutes=30&email=eva@example.com");
        assertThat(bad.status()).isEqualTo(303);
        assertThat(message(bad)).startsWith("Not placed").contains("qty");
        assertThat(state().get("activity").get("orders")).as("nothing placed").isEmpty();

        Response placed = submit("form=" + token + "&country=SE&ean=" + ean + "&qty=1&offer=3&minutes=30&email=eva@example.com"
                + "&firstName=Eva&address=Storgatan+2&zipcode=41101&city=G%C3%B6teborg");
        assertThat(message(placed)).matches("Web order \\d+ placed: offered to warehouse 3\\.");
        var offers = state().get("activity").get("checkFirstOffers");
        assertThat(offers).hasSize(1);
        assertThat(offers.get(0).get("warehouse").asLong()).isEqualTo(3);

        Response german = submit("form=" + token + "&country=DE&ean=" + ean + "&qty=1&minutes=30&email=jonas@example.com");
        assertThat(message(german)).contains("allocation request", "to warehouse 5");

        Response faulty = sendForm("/shop/faults", "form=" + token + "&faults="
                + java.net.URLEncoder.encode("{\"webhooks\": [{\"webhook\": 0, \"drop\": 2}]}", StandardCharsets.UTF_8));
        assertThat(message(faulty)).startsWith("Faults not changed").contains("webhooks[0].drop");
        Response set = sendForm("/shop/faults", "form=" + token + "&faults="
                + java.net.URLEncoder.encode("{\"webhooks\": [{\"webhook\": 0, \"duplicate\": 1}]}", StandardCharsets.UTF_8));
        assertThat(message(set)).startsWith("Faults set");
        assertThat(admin("GET", "/sandbox/faults", null).json().get("webhooks").get(0).get("duplicate").asDouble()).isEqualTo(1.0);
        assertThat(sendForm("/shop/faults", "form=forged&faults={}").status()).isEqualTo(403);

        String after = page("/shop").body();
        assertThat(after).contains("&quot;duplicate&quot;:1.0", "id=\"orders\"", "Store Göteborg: offered", "Store Berlin: request", "id=\"stock\"",
                "id=\"deliveries\"");
    }

    /** The HTTP faults set from the page hit the API; the page shows them and the calls received (decision 0020). */
    @Test
    void httpFaultsAreSetFromThePageAndTheCallsAreShown() {
        admin("DELETE", "/sandbox/requests", null);
        String token = formToken(page("/shop").body());
        Response bad = sendForm("/shop/http-faults", "form=" + token + "&faults="
                + java.net.URLEncoder.encode("{\"faults\": [{\"kind\": \"explode\"}]}", StandardCharsets.UTF_8));
        assertThat(message(bad)).startsWith("HTTP faults not changed").contains("faults[0].kind");
        Response set = sendForm("/shop/http-faults", "form=" + token + "&faults=" + java.net.URLEncoder.encode(
                "{\"faults\": [{\"kind\": \"status\", \"status\": 502, \"method\": \"GET\", \"count\": 1}]}", StandardCharsets.UTF_8));
        assertThat(message(set)).isEqualTo("HTTP faults set: 1");
        assertThat(sendForm("/shop/http-faults", "form=forged&faults={}").status()).isEqualTo(403);
        try {
            assertThat(orderApi("GET", "/api/shop/stock", "shop-secret", null).status()).isEqualTo(502);
            String after = page("/shop").body();
            assertThat(after).contains("id=\"http-faults-json\"", "&quot;hits&quot;:1", "id=\"calls\"",
                    "GET /api/shop/stock", "Order API shop", "status #");
        } finally {
            admin("DELETE", "/sandbox/faults/http", null);
        }
    }
}
