package dev.kassa.connector.shipfromstore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kassa.connector.ShipFromStoreTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The safety net for check first: when Centra's events about an order are lost, an open offer whose order
 * Centra allocated to another of the connector's stores is found lost by polling GET orders, so the store
 * no longer sees it as open. (Allocation requests: {@link DirectThenConfirmTest}.)
 */
class SafetyNetTest extends ShipFromStoreTest {

    private static final String EAN = "7350000010015";

    @Autowired
    SafetyNet safetyNet;

    @AfterEach
    void webhooksBack() {
        webhooksLost(false);
    }

    @Test
    void anOfferWonByAnotherStoreWhoseEventWasLostIsFoundLostByPolling() {
        CENTRA.setPhysical("goteborg", EAN, 10);
        long order = placeWebOrder(EAN, 1, 2, 3);
        receive(order, "create");
        webhooksLost(true); // Centra's accepted/rejected events of this order will not arrive

        long goteborg = offerOf(GOTEBORG_KEY, "goteborg", order).get("id").asLong();
        assertThat(storeCall(GOTEBORG_KEY, "/api/stores/goteborg/offers/" + goteborg + "/accept", "{}").status()).isEqualTo(200);
        worker.workAll();
        assertThat(offerOf(GOTEBORG_KEY, "goteborg", order).get("state").asString()).isEqualTo("in_till");
        processor.processAll();
        assertThat(offerOf(STOCKHOLM_KEY, "stockholm", order).get("state").asString()).as("no event came").isEqualTo("offered");

        assertThat(safetyNet.poll()).hasValueSatisfying(f -> assertThat(f.settled()).isEqualTo(1));
        assertThat(offerOf(STOCKHOLM_KEY, "stockholm", order).get("state").asString()).isEqualTo("lost");
        assertThat(safetyNet.poll()).hasValueSatisfying(f -> assertThat(f.settled()).isZero());
    }
}
