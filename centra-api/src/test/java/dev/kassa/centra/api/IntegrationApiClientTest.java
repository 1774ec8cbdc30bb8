package dev.kassa.centra.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kassa.centra.sandbox.CentraSandboxApplication;
import dev.kassa.centra.sandbox.integrationapi.Tokens;
import dev.kassa.common.testing.Http;
import dev.kassa.common.testing.HttpReceiver;
import dev.kassa.common.testing.TestDatabase;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The Integration API client against the real Centra sandbox over HTTP (its demo retailer and demo token),
 * and against a scripted server for what the sandbox does not do on demand. Waits are recorded, never slept.
 */
@Tag("db")
class IntegrationApiClientTest {

    private static final long CENTRAL = 1;
    private static final long STOCKHOLM = 2;
    private static final long SIZE = 1001; // EAN 7350000010015
    private static ConfigurableApplicationContext sandbox;
    private static String base;
    private final List<Duration> pauses = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void start() {
        List<String> args = new ArrayList<>(List.of(TestDatabase.fresh().asArgs()));
        args.addAll(List.of("--server.port=0", "--kassa.sandbox.admin-token=t", "--kassa.sandbox.seed=demo",
                "--logging.level.root=WARN"));
        sandbox = new SpringApplicationBuilder(CentraSandboxApplication.class).run(args.toArray(String[]::new));
        base = "http://127.0.0.1:" + sandbox.getEnvironment().getProperty("local.server.port");
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private IntegrationApiClient client(String url, String token) {
        return new IntegrationApiClient(url, token, pauses::add, new OrderApiClient.Settings(Duration.ofSeconds(2),
                Duration.ofSeconds(5), 3, Duration.ofMillis(100), Duration.ofSeconds(2), 5));
    }

    private IntegrationApiClient demo() {
        return client(base, Tokens.DEMO);
    }

    @Test
    void oneRequestWritesSeveralWarehousesAndTheOrderApiSeesIt() {
        IntegrationApiClient client = demo();
        Map<Long, IntegrationApiClient.SizeStock> before = client.stock(STOCKHOLM, List.of(SIZE, 999_999L));
        assertThat(before).containsOnlyKeys(SIZE);
        assertThat(before.get(SIZE).ean()).isEqualTo("7350000010015");
        int central = client.stock(CENTRAL, List.of(SIZE)).get(SIZE).physical();

        List<IntegrationApiClient.WriteResult> results = client.setStock(List.of(
                new IntegrationApiClient.WarehouseWrite(STOCKHOLM, "till sales", List.of(new IntegrationApiClient.SizeQuantity(SIZE, 42))),
                new IntegrationApiClient.WarehouseWrite(CENTRAL, "till sales", List.of(new IntegrationApiClient.SizeQuantity(SIZE, central + 1)))));
        assertThat(results).allSatisfy(r -> assertThat(r.ok()).isTrue());
        assertThat(client.stock(STOCKHOLM, List.of(SIZE)).get(SIZE).physical()).isEqualTo(Math.max(42, before.get(SIZE).allocated()));
        assertThat(client.stock(CENTRAL, List.of(SIZE)).get(SIZE).physical()).isEqualTo(central + 1);
        OrderApiClient rest = new OrderApiClient(CentraEndpoint.of(base + "/api/store-stockholm", "demo-stockholm-secret"),
                WriteBudget.centraDefault(java.time.Clock.systemUTC()), pauses::add, OrderApiClient.Settings.DEFAULT);
        assertThat(rest.stockByEan("7350000010015").getFirst().physical()).as("one ledger").isEqualTo(Math.max(42, before.get(SIZE).allocated()));

        List<IntegrationApiClient.RateLimit> windows = client.rateLimits();
        assertThat(windows).extracting(IntegrationApiClient.RateLimit::type).contains("MUTATION", "REQUEST", "QUERY_COMPLEXITY");
        // what is used refills by the second (2 a second over 10 s), so only the shape is certain here
        assertThat(windows).filteredOn(w -> w.type().equals("MUTATION")).extracting(IntegrationApiClient.RateLimit::quota)
                .containsExactly(20, 1800);
        assertThat(windows).allSatisfy(w -> assertThat(w.used() + w.remaining()).isEqualTo(w.quota()));
    }

    @Test
    void aPartWithAnUnknownSizeWritesNothingAndNamesTheSize() {
        IntegrationApiClient client = demo();
        int physical = client.stock(STOCKHOLM, List.of(SIZE)).get(SIZE).physical();
        IntegrationApiClient.WriteResult r = client.setStock(List.of(new IntegrationApiClient.WarehouseWrite(STOCKHOLM, "x",
                List.of(new IntegrationApiClient.SizeQuantity(SIZE, physical + 3), new IntegrationApiClient.SizeQuantity(999_999, 1))))).getFirst();
        assertThat(r.ok()).isFalse();
        assertThat(r.userErrors().getFirst().sizeIndex()).isEqualTo(1);
        assertThat(client.stock(STOCKHOLM, List.of(SIZE)).get(SIZE).physical()).isEqualTo(physical);
    }

    @Test
    void aWrongTokenIsRefused() {
        assertThatThrownBy(() -> client(base, "wrong").rateLimits()).isInstanceOf(CentraException.class)
                .satisfies(e -> assertThat(((CentraException) e).status()).isEqualTo(401));
    }

    @Test
    void a429IsWaitedOutInEitherFormAndSentAgain() {
        try (HttpReceiver centra = new HttpReceiver()) {
            String moment = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(20));
            centra.script.add(new HttpReceiver.Answer(429, "{\"errors\":[{\"message\":\"Rate limit exceeded\"}]}", Map.of("Retry-After", moment)));
            centra.script.add(new HttpReceiver.Answer(429, "{}", Map.of("Retry-After", "3")));
            centra.script.add(new HttpReceiver.Answer(200, "{\"data\":{\"w0\":{\"userErrors\":[],\"userWarnings\":[]}}}", Map.of()));
            List<IntegrationApiClient.WriteResult> r = client(centra.url(""), "t").setStock(List.of(new IntegrationApiClient.WarehouseWrite(
                    STOCKHOLM, "x", List.of(new IntegrationApiClient.SizeQuantity(SIZE, 1)))));
            assertThat(r.getFirst().ok()).isTrue();
            assertThat(centra.calls).hasSize(3);
            assertThat(centra.calls.getFirst().header("Authorization")).isEqualTo("Bearer t");
            assertThat(pauses.get(0)).isBetween(Duration.ofSeconds(18), Duration.ofSeconds(20));
            assertThat(pauses.get(1)).isEqualTo(Duration.ofSeconds(3));
        }
    }

    @Test
    void aWriteWithoutAnAnswerIsNotSentAgainAndSaysItsOutcomeIsUnknown() {
        try (HttpReceiver centra = new HttpReceiver()) {
            centra.status.set(502);
            assertThatThrownBy(() -> client(centra.url(""), "t").setStock(List.of(new IntegrationApiClient.WarehouseWrite(
                    STOCKHOLM, "x", List.of(new IntegrationApiClient.SizeQuantity(SIZE, 1))))))
                    .isInstanceOf(CentraException.class).satisfies(e -> assertThat(((CentraException) e).retriesExhausted()).isTrue());
            assertThat(centra.calls).hasSize(1);
            assertThatThrownBy(() -> client(centra.url(""), "t").stock(STOCKHOLM, List.of(SIZE))).isInstanceOf(CentraException.class);
            assertThat(centra.calls).as("a read is retried within bounds").hasSize(4);
        }
    }

    @Test
    void theSandboxRunsOnCentrasDefaultPlan() {
        assertThat(Http.send("GET", base + "/sandbox/integration-api", Map.of("Authorization", "Bearer t"), null).json()
                .get("plan").asString()).isEqualTo("growth");
    }
}
