package dev.kassa.connector.shipfromstore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kassa.common.time.AdjustableClock;
import dev.kassa.connector.ConnectorApplication;
import dev.kassa.connector.ShipFromStoreTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * An offer nobody decides is rejected the configured margin (120 s) before its deadline, by the clock the
 * test moves; a deadline set before a restart is kept by the connector started afterwards.
 */
class DeadlineTest extends ShipFromStoreTest {

    private static final String EAN = "7350000010015";

    private String state(long order) {
        return offerOf(GOTEBORG_KEY, "goteborg", order).get("state").asString();
    }

    @Test
    void anOfferNobodyDecidesIsRejectedShortlyBeforeItsDeadline() {
        long order = placeWebOrder(EAN, 1, 3); // one hour
        receive(order, "create");
        worker.workAll();
        assertThat(state(order)).isEqualTo("offered");

        advance(Duration.ofSeconds(3600 - 120 - 5));
        worker.workAll();
        assertThat(state(order)).as("still time to decide").isEqualTo("offered");

        advance(Duration.ofSeconds(10));
        worker.workAll();
        JsonNode offer = offerOf(GOTEBORG_KEY, "goteborg", order);
        assertThat(offer.get("state").asString()).isEqualTo("rejected");
        assertThat(offer.get("decidedBy").asString()).isEqualTo("connector");
    }

    @Test
    void aDeadlineSetBeforeARestartIsKeptAfterIt() {
        long order = placeWebOrder(EAN, 1, 3);
        receive(order, "create");
        assertThat(state(order)).isEqualTo("offered");

        // "restart": a second connector process on the same database, its clock past the deadline's margin
        List<String> args = new ArrayList<>(List.of(DB.asArgs()));
        args.addAll(List.of("--server.port=0", "--kassa.connector.admin-token=" + ADMIN,
                "--kassa.connector.ship-from-store.poll-millis=3600000", "--kassa.connector.stock.poll-millis=3600000",
                "--kassa.connector.catalogue.sync-millis=0", "--logging.level.root=WARN"));
        storeProperties().forEach((k, v) -> args.add("--" + k + "=" + v));
        try (ConfigurableApplicationContext restarted = new SpringApplicationBuilder(ConnectorApplication.class)
                .run(args.toArray(String[]::new))) {
            // the restarted process's clock (ShipFromStoreTest.Clocks, picked up by its component scan), moved
            // to one minute before the deadline: within the 120 s margin
            AdjustableClock later = (AdjustableClock) restarted.getBean(java.time.Clock.class);
            later.advance(Duration.ofSeconds(3600 - 60).plus(((AdjustableClock) clock).offset()));
            restarted.getBean(ShipFromStore.class).workAll();
        }
        assertThat(state(order)).isEqualTo("rejected");
    }
}
