package dev.kassa.centra.sandbox.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kassa.centra.sandbox.CentraSandboxApplication;
import dev.kassa.common.testing.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** The sandbox is persistent: data, stock writes and the moved clock survive a restart; the seed loads once. */
@Tag("db")
class RestartTest {

    private final HttpClient http = HttpClient.newHttpClient();

    private ConfigurableApplicationContext start(TestDatabase db, String seed) {
        List<String> args = new ArrayList<>(List.of(db.asArgs()));
        args.addAll(List.of("--server.port=0", "--kassa.sandbox.admin-token=t", "--kassa.sandbox.seed=" + seed,
                "--logging.level.root=WARN"));
        return new SpringApplicationBuilder(CentraSandboxApplication.class).run(args.toArray(String[]::new));
    }

    private HttpResponse<String> call(ConfigurableApplicationContext app, String method, String path, String header,
                                      String value, String body) throws Exception {
        String port = app.getEnvironment().getProperty("local.server.port");
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header(header, value)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void dataWritesAndTheClockSurviveARestartAndTheDemoSeedIsLoadedOnlyOnce() throws Exception {
        TestDatabase db = TestDatabase.fresh();
        String clockAfter;
        try (ConfigurableApplicationContext first = start(db, "demo")) {
            assertThat(call(first, "POST", "/api/order-api-se/stock", "API-Authorization", "demo-se-secret",
                    "{\"products\":[{\"product\":\"7350000010015\",\"quantity\":3}]}").body()).contains("\"ok\"");
            clockAfter = call(first, "POST", "/sandbox/clock/advance", "Authorization", "Bearer t",
                    "{\"seconds\": 864000}").body();
        }
        try (ConfigurableApplicationContext second = start(db, "demo")) {
            String stock = call(second, "GET", "/api/order-api-se/stock?ean=7350000010015", "API-Authorization",
                    "demo-se-secret", null).body();
            assertThat(stock).as("the write was kept and the seed not reloaded").contains("\"physicalStock\":3");
            String clock = call(second, "GET", "/sandbox/clock", "Authorization", "Bearer t", null).body();
            String before = clockAfter.substring(clockAfter.indexOf("\"now\":\"") + 7, clockAfter.indexOf("\"now\":\"") + 17);
            assertThat(clock).as("the clock offset was kept").contains("\"now\":\"" + before);
        }
    }

    /** A deadline lives in the database: an offer placed before a restart times out after it, by the moved clock. */
    @Test
    void aCheckFirstDeadlineSurvivesARestart() throws Exception {
        TestDatabase db = TestDatabase.fresh();
        long order;
        try (ConfigurableApplicationContext first = start(db, "demo")) {
            String placed = call(first, "POST", "/sandbox/web-orders", "Authorization", "Bearer t", """
                    {"country": "SE", "customer": {"email": "a@example.com"}, "lines": [{"ean": "7350000010015", "qty": 1}],
                     "offers": [{"warehouse": 2, "expiresInSeconds": 300}]}""").body();
            order = Long.parseLong(placed.replaceAll(".*\"orderNumber\":(\\d+).*", "$1"));
        }
        try (ConfigurableApplicationContext second = start(db, "demo")) {
            String before = call(second, "GET", "/api/order-api-se/orders?order=" + order, "API-Authorization",
                    "demo-se-secret", null).body();
            assertThat(before).contains("\"orderStatus\":\"1\"");
            call(second, "POST", "/sandbox/clock/advance", "Authorization", "Bearer t", "{\"seconds\": 301}");
            String after = call(second, "GET", "/api/order-api-se/orders?order=" + order, "API-Authorization",
                    "demo-se-secret", null).body();
            assertThat(after).as("the only offer timed out, so the order goes on from Central")
                    .contains("\"orderStatus\":\"2\"");
            String answer = call(second, "POST", "/api/store-stockholm/check-first", "API-Authorization",
                    "demo-stockholm-secret", "{\"orderNumber\": " + order + ", \"warehouseId\": 2, \"accepted\": true}")
                    .body();
            assertThat(answer).contains("check first has expired");
        }
    }

    @Test
    void emptySeedStartsWithNothing() throws Exception {
        try (ConfigurableApplicationContext app = start(TestDatabase.fresh(), "empty")) {
            assertThat(call(app, "GET", "/sandbox/state", "Authorization", "Bearer t", null).body())
                    .contains("\"products\":[]", "\"orderApi\":[]");
        }
    }
}
