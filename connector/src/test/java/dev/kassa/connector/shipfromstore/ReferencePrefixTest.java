package dev.kassa.connector.shipfromstore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kassa.common.testing.Http;
import dev.kassa.connector.ShipFromStoreTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Decision 0011: with {@code kassa.connector.centara.reference-prefix}, the connector's till orders carry
 * references no other channel uses, so another channel's order under the bare Centra order number does not
 * stand in the way.
 */
@TestPropertySource(properties = "kassa.connector.centara.reference-prefix=NV-")
class ReferencePrefixTest extends ShipFromStoreTest {

    @Test
    void withAPrefixTheTillOrderIsMadeBesideTheOtherChannels() {
        CENTRA.setPhysical("goteborg", ReferenceCollisionTest.EAN, 1000);
        long order = placeWebOrder(ReferenceCollisionTest.EAN, 1, 3);
        receive(order, "create");
        String theirs = ReferenceCollisionTest.otherChannelsOrder(Long.toString(order), 2);

        long id = offerOf(GOTEBORG_KEY, "goteborg", order).get("id").asLong();
        assertThat(storeCall(GOTEBORG_KEY, "/api/stores/goteborg/offers/" + id + "/accept", "{}").status()).isEqualTo(200);
        worker.workAll();

        JsonNode offer = offerOf(GOTEBORG_KEY, "goteborg", order);
        assertThat(offer.get("state").asString()).as(offer.toString()).isEqualTo("in_till");
        assertThat(offer.get("centaraOrderId").asString()).isNotEqualTo(theirs);
        JsonNode till = Http.send("GET", TILL + "/api/order/NV-" + order, Map.of("Authorization", "Bearer " + CENTARA_TOKEN), null).json();
        assertThat(till.get("OrderId").asString()).isEqualTo(offer.get("centaraOrderId").asString());
        assertThat(till.get("StoreId").asInt()).isEqualTo(2);
        assertThat(till.get("Notes").asString()).contains("[kassa NV-" + order + "]");
    }
}
