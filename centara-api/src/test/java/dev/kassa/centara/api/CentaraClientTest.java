package dev.kassa.centara.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kassa.centara.sandbox.CentaraSandboxApplication;
import dev.kassa.centara.sandbox.seed.DemoRetailer;
import dev.kassa.common.testing.HttpReceiver;
import dev.kassa.common.testing.TestDatabase;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The client against the real Centara sandbox over HTTP (its demo retailer), and against a scripted local
 * server for the failures the sandbox does not produce. Waits are recorded, never slept.
 */
@Tag("db")
class CentaraClientTest {

    /**
     * Today, not a fixed date: the sandbox deletes an order still open 7 days after its DueAt, so a fixed
     * date would have it deleted once the calendar passes it.
     */
    private static final OffsetDateTime NOW = OffsetDateTime.now(java.time.ZoneOffset.ofHours(1))
            .truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    private static ConfigurableApplicationContext sandbox;
    private static String base;
    private final List<Duration> pauses = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void start() {
        List<String> args = new ArrayList<>(List.of(TestDatabase.fresh().asArgs()));
        args.addAll(List.of("--server.port=0", "--kassa.sandbox.admin-token=t", "--kassa.sandbox.seed=demo",
                "--logging.level.root=WARN"));
        sandbox = new SpringApplicationBuilder(CentaraSandboxApplication.class).run(args.toArray(String[]::new));
        base = "http://127.0.0.1:" + sandbox.getEnvironment().getProperty("local.server.port");
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private CentaraClient client(String url, CentaraAuth auth) {
        return new CentaraClient(url, auth, new CentaraClient.Settings(Duration.ofSeconds(2), Duration.ofSeconds(5), 3,
                Duration.ofMillis(100), Duration.ofSeconds(1)), pauses::add);
    }

    private CentaraClient demo() {
        return client(base, CentaraAuth.bearer(DemoRetailer.API_TOKEN));
    }

    private static String reference() {
        return "W" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    private static ExternalOrder webOrder(String reference, String itemId) {
        return new ExternalOrder(DemoRetailer.STOCKHOLM, NOW, NOW.plusDays(1), reference, "sv",
                "Ship to: Anna Svensson, anna@example.com", null,
                List.of(new ExternalOrder.Item(itemId, new BigDecimal("2"), new BigDecimal("599"), null, "Linen Shirt")),
                List.of(new ExternalOrder.Payment(new BigDecimal("1198"), NOW, DemoRetailer.WEB_PAYMENT, "Centra",
                        new ExternalOrder.Authorization(NOW, "AUTH-77", "psp-123", "Adyen"))),
                List.of(new ExternalOrder.InfoCode("CentraOrder", reference)));
    }

    @Test
    void anOrderIsCreatedAndReadBackByIdAndByReference() {
        String ref = reference();
        CentaraClient.Created created = demo().create(webOrder(ref, "LS100-WH-S"));

        assertThat(created.existed()).isFalse();
        assertThat(created.orderId()).matches("[0-9a-f-]{36}");
        CentaraOrder byId = demo().order(created.orderId()).orElseThrow();
        assertThat(byId.referenceNumber()).isEqualTo(ref);
        assertThat(byId.storeId()).isEqualTo(DemoRetailer.STOCKHOLM);
        assertThat(byId.status()).as("fully paid").isEqualTo(3);
        assertThat(byId.closed()).isFalse();
        assertThat(demo().order(ref).orElseThrow().orderId()).isEqualTo(created.orderId());
        assertThat(demo().order("NO-SUCH-REF")).isEmpty();
    }

    @Test
    void theSameReferenceAgainGivesTheExistingOrder() {
        String ref = reference();
        String first = demo().create(webOrder(ref, "LS100-WH-S")).orderId();
        CentaraClient.Created again = demo().create(webOrder(ref, "LS100-WH-S"));
        assertThat(again).isEqualTo(new CentaraClient.Created(first, true));
    }

    @Test
    void centaraRefusingAnOrderNamesTheFieldsAndIsNotRetried() {
        assertThatThrownBy(() -> demo().create(webOrder(reference(), "NO-SUCH-ITEM"))).isInstanceOf(CentaraException.class)
                .satisfies(e -> {
                    CentaraException c = (CentaraException) e;
                    assertThat(c.status()).isEqualTo(400);
                    assertThat(c.outcomeUnknown()).isFalse();
                    assertThat(c.errors()).extracting(CentaraException.FieldError::field).contains("Items[0].ItemId");
                });
        assertThat(pauses).isEmpty();
        assertThatThrownBy(() -> client(base, CentaraAuth.bearer("not-the-token-123")).order("x"))
                .isInstanceOf(CentaraException.class).satisfies(e -> assertThat(((CentaraException) e).status()).isEqualTo(401))
                .message().doesNotContain("not-the-token-123");
    }

    @Test
    void badOrdersAreRefusedBeforeAnyCallWithTheFieldNamed() {
        assertThatThrownBy(() -> webOrder("REFERENCE-LONGER-THAN-20", "LS100-WH-S")).hasMessageContaining("ReferenceNumber");
        assertThatThrownBy(() -> new ExternalOrder(0, null, null, null, null, null, null,
                List.of(new ExternalOrder.Item("", BigDecimal.ZERO, new BigDecimal("-1"), null, null)), null, null))
                .hasMessageContaining("StoreId").hasMessageContaining("Created").hasMessageContaining("Items[0].ItemId")
                .hasMessageContaining("Items[0].Quantity").hasMessageContaining("Items[0].Price");
        assertThatThrownBy(() -> new CentaraClient("ftp://x", CentaraAuth.none(), CentaraClient.Settings.DEFAULT,
                CentaraClient.Pause.REAL)).hasMessageContaining("http(s)");
        assertThat(CentaraAuth.bearer("secret-token").toString()).doesNotContain("secret-token");
        assertThat(CentaraAuth.basic("kassa", "pw-123").toString()).doesNotContain("pw-123");
    }

    @Test
    void aLostAnswerIsLookedUpByReferenceBeforeSendingAgain() {
        try (HttpReceiver centara = new HttpReceiver()) {
            centara.script.add(new HttpReceiver.Answer(502, "", Map.of()));
            centara.script.add(new HttpReceiver.Answer(404, "{}", Map.of()));
            centara.script.add(new HttpReceiver.Answer(200, "{\"OrderId\": \"0f8fad5b-d9cb-469f-a165-70867728950e\"}", Map.of()));
            CentaraClient.Created c = client(centara.url("/mysite"), CentaraAuth.basic("kassa", "pw")).create(webOrder("R1", "X"));
            assertThat(c).isEqualTo(new CentaraClient.Created("0f8fad5b-d9cb-469f-a165-70867728950e", false));
            assertThat(centara.calls).extracting(HttpReceiver.Call::method).containsExactly("POST", "GET", "POST");
            assertThat(centara.calls.get(1).path()).isEqualTo("/mysite/api/order/R1");
            assertThat(centara.calls.get(0).header("Authorization")).isEqualTo("Basic a2Fzc2E6cHc=");
            assertThat(pauses).hasSize(1);
        }
        try (HttpReceiver centara = new HttpReceiver()) {
            centara.script.add(new HttpReceiver.Answer(503, "", Map.of()));
            centara.script.add(new HttpReceiver.Answer(200, """
                    {"orderid": "0f8fad5b-d9cb-469f-a165-70867728950e", "storeid": "1", "referencenumber": "R2", "status": "3"}""",
                    Map.of()));
            CentaraClient.Created c = client(centara.url(""), CentaraAuth.none()).create(webOrder("R2", "X"));
            assertThat(c.existed()).as("it was created; its answer was lost").isTrue();
            assertThat(centara.calls).hasSize(2);
            assertThat(centara.calls.get(0).header("Authorization")).isNull();
        }
    }

    @Test
    void anOrderWithoutReferenceIsNeverSentTwiceAndReadsAreRetriedWithinBounds() {
        ExternalOrder noRef = new ExternalOrder(1, NOW, null, null, null, null, null,
                List.of(new ExternalOrder.Item("X", BigDecimal.ONE, BigDecimal.TEN, null, null)), null, null);
        try (HttpReceiver centara = new HttpReceiver()) {
            centara.status.set(500);
            CentaraClient client = client(centara.url(""), CentaraAuth.bearer("t"));
            assertThatThrownBy(() -> client.create(noRef)).isInstanceOf(CentaraException.class)
                    .satisfies(e -> assertThat(((CentaraException) e).outcomeUnknown()).isTrue());
            assertThat(centara.calls).hasSize(1);
            assertThatThrownBy(() -> client.order("R")).isInstanceOf(CentaraException.class).hasMessageContaining("failed 3 times");
            assertThat(centara.calls).hasSize(4);
            assertThat(pauses).hasSize(2);
            assertThat(pauses.get(1)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
        }
    }

    @Test
    void a429WaitsWhatRetryAfterAsksInSecondsOrAsAMomentThenSendsAgainWithoutALookUp() {
        try (HttpReceiver centara = new HttpReceiver()) {
            centara.script.add(new HttpReceiver.Answer(429, "", Map.of("Retry-After", "7")));
            String moment = java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME
                    .format(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).plusSeconds(30));
            centara.script.add(new HttpReceiver.Answer(429, "", Map.of("Retry-After", moment)));
            centara.script.add(new HttpReceiver.Answer(200, "{\"OrderId\": \"0f8fad5b-d9cb-469f-a165-70867728950e\"}", Map.of()));
            CentaraClient.Created created = client(centara.url(""), CentaraAuth.bearer("t")).create(webOrder(reference(), "1001"));
            assertThat(created.orderId()).isEqualTo("0f8fad5b-d9cb-469f-a165-70867728950e");
            assertThat(centara.calls).extracting(HttpReceiver.Call::method).as("refused for now is not created: no look-up")
                    .containsExactly("POST", "POST", "POST");
            assertThat(pauses).hasSize(2);
            assertThat(pauses.get(0)).isEqualTo(Duration.ofSeconds(7));
            assertThat(pauses.get(1)).isBetween(Duration.ofSeconds(28), Duration.ofSeconds(30));
        }
    }

    @Test
    void readsWaitOn429TooAndGiveUpAfterTheAttemptsAsRefused() {
        try (HttpReceiver centara = new HttpReceiver()) {
            centara.status.set(429);
            CentaraClient client = client(centara.url(""), CentaraAuth.bearer("t"));
            assertThatThrownBy(() -> client.order("R")).isInstanceOf(CentaraException.class).hasMessageContaining("429 3 times")
                    .satisfies(e -> assertThat(((CentaraException) e).outcomeUnknown()).isFalse());
            assertThat(centara.calls).hasSize(3);
            assertThat(pauses).as("no Retry-After: a second").containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1));
        }
    }

    @Test
    void retryAfterIsReadInEveryFormAndBounded() {
        java.time.Instant now = java.time.Instant.parse("2026-12-02T12:00:00Z");
        assertThat(RetryAfter.parse("3", now)).isEqualTo(Duration.ofSeconds(3));
        assertThat(RetryAfter.parse("1.2", now)).isEqualTo(Duration.ofSeconds(2));
        assertThat(RetryAfter.parse("Wed, 02 Dec 2026 12:00:30 GMT", now)).isEqualTo(Duration.ofSeconds(30));
        assertThat(RetryAfter.parse("2026-12-02T13:00:05+01:00", now)).isEqualTo(Duration.ofSeconds(5));
        assertThat(RetryAfter.parse(Long.toString(now.getEpochSecond() + 12), now)).isEqualTo(Duration.ofSeconds(12));
        assertThat(RetryAfter.parse("soon", now)).isEqualTo(Duration.ofSeconds(1));
        assertThat(RetryAfter.parse("Wed, 02 Dec 2026 11:00:00 GMT", now)).as("past").isEqualTo(Duration.ofSeconds(1));
        assertThat(RetryAfter.parse("999999", now)).as("at most an hour").isEqualTo(Duration.ofHours(1));
    }
}
