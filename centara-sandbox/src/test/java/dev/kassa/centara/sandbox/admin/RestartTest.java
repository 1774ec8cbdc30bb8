package dev.kassa.centara.sandbox.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kassa.centara.sandbox.CentaraSandboxApplication;
import dev.kassa.centara.sandbox.CentaraTest;
import dev.kassa.common.testing.Http;
import dev.kassa.common.testing.HttpReceiver;
import dev.kassa.common.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Orders, the clock and transactions still waiting to be pushed survive a restart of the sandbox. */
@Tag("db")
class RestartTest {

    private static ConfigurableApplicationContext start(TestDatabase db) {
        List<String> args = new ArrayList<>(List.of(db.asArgs()));
        args.addAll(List.of("--server.port=0", "--kassa.sandbox.admin-token=t", "--kassa.sandbox.seed=empty",
                "--kassa.sandbox.push.poll-millis=50", "--logging.level.root=WARN"));
        return new SpringApplicationBuilder(CentaraSandboxApplication.class).run(args.toArray(String[]::new));
    }

    private static Http.Response call(ConfigurableApplicationContext app, String method, String path, String token,
                                      String body) {
        return Http.send(method, "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port") + path,
                Map.of("Authorization", "Bearer " + token), body);
    }

    @Test
    void ordersTheClockAndPendingPushesSurviveARestart() {
        TestDatabase db = TestDatabase.fresh();
        try (HttpReceiver receiver = new HttpReceiver()) {
            receiver.status.set(500);
            String now;
            try (ConfigurableApplicationContext first = start(db)) {
                assertThat(call(first, "PUT", "/sandbox/state", "t", CentaraTest.SAMPLE_REGISTRY.formatted(
                        ", \"transactionTarget\": {\"url\": \"" + receiver.url("/tx") + "\"}")).status()).isEqualTo(200);
                assertThat(call(first, "POST", "/api/order", CentaraTest.API_TOKEN,
                        "{\"StoreId\": 1, \"ReferenceNumber\": \"KEEP\", \"Created\": \"2026-01-01T00:00:00Z\","
                                + " \"Items\": [{\"ItemId\": \"12269319\", \"Quantity\": 1, \"Price\": 70}]}").status())
                        .isEqualTo(200);
                for (int i = 0; i < 2; i++) {
                    assertThat(call(first, "POST", "/sandbox/stores/1/sales", "t",
                            "{\"tender\": 10, \"lines\": [{\"itemId\": \"12269319\", \"quantity\": 1, \"price\": 70}]}")
                            .status()).isEqualTo(201);
                }
                await().until(() -> !receiver.calls.isEmpty());
                now = call(first, "POST", "/sandbox/clock/advance", "t", "{\"seconds\": 3600}").json().get("now").asString();
            }
            receiver.status.set(200);
            receiver.calls.clear();
            try (ConfigurableApplicationContext second = start(db)) {
                assertThat(call(second, "GET", "/api/order/KEEP", CentaraTest.API_TOKEN, null).status()).isEqualTo(200);
                assertThat(call(second, "GET", "/sandbox/clock", "t", null).json().get("now").asString())
                        .isGreaterThanOrEqualTo(now.substring(0, 16));
                call(second, "POST", "/sandbox/clock/advance", "t", "{\"seconds\": 120}");
                await().until(() -> receiver.calls.size() >= 2);
                assertThat(receiver.calls.stream().map(c -> Http.JSON.readTree(c.body()).get("TransactionId").asString()))
                        .containsExactly("1.1.1.1", "1.1.1.2");
                assertThat(call(second, "POST", "/sandbox/stores/1/sales", "t",
                        "{\"tender\": 10, \"lines\": [{\"itemId\": \"12269319\", \"quantity\": 1, \"price\": 70}]}")
                        .json().get("TransactionId").asString())
                        .as("numbering goes on: the next receipt, or the first of a new Z if the moved clock crossed midnight")
                        .isIn("1.1.1.3", "1.1.2.1");
            }
        }
    }
}
