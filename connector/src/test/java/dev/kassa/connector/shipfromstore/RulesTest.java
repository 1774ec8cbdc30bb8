package dev.kassa.connector.shipfromstore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kassa.connector.ShipFromStoreTest;
import dev.kassa.connector.config.OpeningHours;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Stockholm decides by rules (a connector of its own, on the same database as the other ship-from-store
 * tests): accept when the store's stock covers every line and today's capacity is not reached, reject
 * otherwise, saying why. The capacity is two more than Stockholm accepted today (on the sandbox's clock) before this test.
 */
class RulesTest extends ShipFromStoreTest {

    private static int acceptedBefore = -1;

    @DynamicPropertySource
    static void rules(DynamicPropertyRegistry registry) {
        registry.add("kassa.connector.stores[0].ship-from-store.decide", () -> "rules");
        registry.add("kassa.connector.stores[0].ship-from-store.daily-capacity", () -> Integer.toString(acceptedToday() + 2));
    }

    /** Stockholm's accepts since midnight (Stockholm time), read when the context starts. */
    private static int acceptedToday() {
        if (acceptedBefore >= 0) {
            return acceptedBefore;
        }
        // "today" on the sandbox's clock, which earlier test classes may have moved (past midnight, late in the
        // evening): this context's clock catches up with it before each test (ShipFromStoreTest)
        java.time.Instant sandboxNow = java.time.Instant.parse(CENTRA.admin("GET", "/sandbox/clock", null).json().get("now").asString());
        java.time.Instant now = sandboxNow.isAfter(java.time.Instant.now()) ? sandboxNow : java.time.Instant.now();
        long midnight = now.atZone(java.time.ZoneId.of("Europe/Stockholm")).toLocalDate()
                .atStartOfDay(java.time.ZoneId.of("Europe/Stockholm")).toInstant().toEpochMilli();
        try (java.sql.Connection c = DB.connect();
             java.sql.PreparedStatement s = c.prepareStatement("""
                     select count(*) from connector_offer_transition t join connector_offer o on o.offer_id = t.offer_id
                     where o.store_id = 'stockholm' and t.to_state = 'accepting' and t.at_ms >= ?""")) {
            s.setLong(1, midnight);
            try (java.sql.ResultSet r = s.executeQuery()) {
                r.next();
                acceptedBefore = r.getInt(1);
            }
        } catch (java.sql.SQLException e) {
            acceptedBefore = 0; // the tables do not exist yet: this context is the first on the database
        }
        return acceptedBefore;
    }

    private JsonNode decided(long order) {
        receive(order, "create");
        worker.workAll();
        return offerOf(STOCKHOLM_KEY, "stockholm", order);
    }

    @Test
    void theStoreAcceptsWhatItsStockCoversUpToItsDailyCapacity() {
        CENTRA.setPhysical("stockholm", "7350000010022", 500);
        CENTRA.setPhysical("stockholm", "7350000010015", 0);

        JsonNode notCovered = decided(placeWebOrder("7350000010015", 1, 2));
        assertThat(notCovered.get("state").asString()).as(offerHistory(notCovered.get("id").asLong())).isEqualTo("rejected");
        assertThat(notCovered.get("decidedBy").asString()).isEqualTo("rules");

        for (int i = 0; i < 2; i++) {
            JsonNode covered = decided(placeWebOrder("7350000010022", 1, 2));
            assertThat(covered.get("state").asString()).as("order %d of today", i + 1).isEqualTo("in_till");
        }
        long third = placeWebOrder("7350000010022", 1, 2);
        JsonNode full = decided(third);
        assertThat(full.get("state").asString()).isEqualTo("rejected");
        assertThat(offerHistory(full.get("id").asLong())).contains("capacity of " + (acceptedBefore + 2) + " orders is reached");
    }

    private String offerHistory(long id) {
        return dev.kassa.common.testing.Http.send("GET", base() + "/api/stores/stockholm/offers/" + id,
                java.util.Map.of("Authorization", "Bearer " + STOCKHOLM_KEY), null).body();
    }

    @Test
    void openingHoursAreReadAndChecked() {
        OpeningHours hours = new OpeningHours("Mon-Fri 10:00-19:00; Sat 10:00-13:00, 14:00-16:00");
        ZonedDateTime monday = ZonedDateTime.parse("2026-11-23T12:00:00+01:00[Europe/Stockholm]");
        assertThat(hours.isOpen(monday)).isTrue();
        assertThat(hours.isOpen(monday.withHour(19))).as("closes at 19:00").isFalse();
        assertThat(hours.isOpen(monday.withHour(9).withMinute(59))).isFalse();
        assertThat(hours.isOpen(monday.plusDays(5).withHour(13).withMinute(30))).as("Saturday lunch").isFalse();
        assertThat(hours.isOpen(monday.plusDays(5).withHour(15))).isTrue();
        assertThat(hours.isOpen(monday.plusDays(6))).as("Sunday").isFalse();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new OpeningHours("Funday 10:00-12:00"))
                .hasMessageContaining("not a day");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new OpeningHours("Mon 12:00-10:00"))
                .hasMessageContaining("from before to");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new OpeningHours("Mon ten-twelve"))
                .hasMessageContaining("such as 10:00-19:00");
    }
}
