package dev.kassa.connector.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kassa.common.testing.Http;
import dev.kassa.connector.ShipFromStoreTest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Readiness names the connector's dependencies — the database, every Centra endpoint, Centara — with their
 * status for anyone and the reasons for the admin token; Centara not answering makes the connector
 * DEGRADED (still 200: it keeps taking sales), the others still shown UP.
 */
class HealthTest extends ShipFromStoreTest {

    private static final Map<String, String> ADMIN = Map.of("Authorization", "Bearer connector-admin-token");

    @AfterEach
    void calm() {
        centaraFaults("DELETE", null);
    }

    /** Every call to Centara's API answers 503 (the Centara sandbox's fault, decision 0020); the fault's id. */
    private static long centaraDown() {
        return centaraFaults("POST", "{\"kind\": \"status\", \"status\": 503}").get("id").asLong();
    }

    private static int hits(long fault) {
        for (JsonNode f : Http.send("GET", TILL + "/sandbox/faults/http", TILL_ADMIN, null).json().get("faults")) {
            if (f.get("id").asLong() == fault) {
                return f.get("hits").asInt();
            }
        }
        return 0;
    }

    private Http.Response readiness(Map<String, String> headers) {
        advance(Dependencies.FRESH.plusSeconds(1)); // the last answers are no longer fresh
        return Http.send("GET", base() + "/actuator/health/readiness", headers, null);
    }

    @Test
    void readinessShowsEachDependencyAndTheReasonsToHeadOffice() {
        Http.Response anyone = readiness(Map.of());
        assertThat(anyone.status()).as(anyone.body()).isEqualTo(200);
        JsonNode components = anyone.json().get("components");
        assertThat(anyone.json().get("status").asString()).isEqualTo("UP");
        assertThat(components.get("db").get("status").asString()).isEqualTo("UP");
        assertThat(components.get("centra").get("status").asString()).isEqualTo("UP");
        assertThat(components.get("centara").get("status").asString()).isEqualTo("UP");
        assertThat(anyone.body()).as("no reasons without the token").doesNotContain("details", "answers");

        JsonNode details = readiness(ADMIN).json().get("components");
        assertThat(details.get("centra").get("details").get("store goteborg").asString()).isEqualTo("answers (200)");
        assertThat(details.get("centra").get("details").get("endpoint se").asString()).isEqualTo("answers (200)");
        assertThat(details.get("centara").get("details").get("api").asString()).isEqualTo("answers (404)");
        assertThat(readiness(Map.of("Authorization", "Bearer wrong-token")).body()).doesNotContain("details");
        assertThat(Http.send("GET", base() + "/actuator/health/liveness", Map.of(), null).status()).isEqualTo(200);
    }

    @Test
    void centaraNotAnsweringIsNamedAndTheConnectorStaysReady() {
        centaraDown();
        Http.Response r = readiness(ADMIN);
        assertThat(r.status()).as("still taking sales and webhooks: " + r.body()).isEqualTo(200);
        assertThat(r.json().get("status").asString()).isEqualTo(Dependencies.DEGRADED);
        JsonNode components = r.json().get("components");
        assertThat(components.get("centara").get("status").asString()).isEqualTo(Dependencies.DEGRADED);
        assertThat(components.get("centara").get("details").get("api").asString()).isEqualTo("answered 503");
        assertThat(components.get("db").get("status").asString()).isEqualTo("UP");
        assertThat(components.get("centra").get("status").asString()).isEqualTo("UP");

        centaraFaults("DELETE", null);
        assertThat(readiness(ADMIN).json().get("status").asString()).isEqualTo("UP");
    }

    @Test
    void answersAreReusedForAWhileSoHealthCallsDoNotBecomeCentrasLoad() {
        readiness(Map.of());
        long down = centaraDown();
        for (int i = 0; i < 5; i++) {
            assertThat(Http.send("GET", base() + "/actuator/health/readiness", Map.of(), null).json().get("status").asString())
                    .as("the answer of a moment ago").isEqualTo("UP");
        }
        assertThat(hits(down)).as("no call reached Centara").isZero();
        advance(Duration.ofSeconds(11));
        assertThat(Http.send("GET", base() + "/actuator/health/readiness", Map.of(), null).json().get("status").asString())
                .isEqualTo(Dependencies.DEGRADED);
    }
}
