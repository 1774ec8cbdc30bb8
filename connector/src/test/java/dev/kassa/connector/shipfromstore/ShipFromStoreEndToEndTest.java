package dev.kassa.connector.shipfromstore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kassa.common.testing.Http;
import dev.kassa.connector.ShipFromStoreTest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The whole check-first flow over real HTTP: a web order placed in the Centra sandbox, its signed webhook,
 * the store's decision, the order in the Centara till, closed there, and the Centra shipment.
 */
class ShipFromStoreEndToEndTest extends ShipFromStoreTest {

    private static final String EAN = "7350000010015"; // Linen Shirt White S: Göteborg has it

    @Test
    void aWebOrderAcceptedByGoteborgLandsInItsTillAndShipsInCentraWhenClosedThere() {
        int before = CENTRA.physical("goteborg", EAN);
        long order = placeWebOrder(EAN, 1, 2, 3);
        receive(order, "create");

        JsonNode goteborg = offerOf(GOTEBORG_KEY, "goteborg", order);
        JsonNode stockholm = offerOf(STOCKHOLM_KEY, "stockholm", order);
        assertThat(goteborg.get("state").asString()).isEqualTo("offered");
        assertThat(goteborg.get("deadline").isNull()).isFalse();
        assertThat(stockholm.get("state").asString()).isEqualTo("offered");
        assertThat(offerOf(STOCKHOLM_KEY, "stockholm", order).get("id")).as("each store sees its own").isNotEqualTo(goteborg.get("id"));

        long id = goteborg.get("id").asLong();
        Http.Response accepted = storeCall(GOTEBORG_KEY, "/api/stores/goteborg/offers/" + id + "/accept", "{\"by\": \"Anna\"}");
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
        worker.workAll();

        JsonNode offer = Http.send("GET", base() + "/api/stores/goteborg/offers/" + id, Map.of("Authorization", "Bearer " + GOTEBORG_KEY),
                null).json();
        assertThat(offer.get("state").asString()).as(offer.toString()).isEqualTo("in_till");
        assertThat(offer.get("history")).extracting(h -> h.get("to").asString())
                .containsExactly("offered", "accepting", "accepted", "in_till");
        assertThat(offer.get("history").get(1).get("by").asString()).isEqualTo("staff:goteborg:Anna");

        // the till order: ReferenceNumber = the Centra order number, the item mapped, the web payment
        JsonNode till = Http.send("GET", TILL + "/api/order/" + order, Map.of("Authorization", "Bearer " + CENTARA_TOKEN), null).json();
        assertThat(till.get("StoreId").asInt()).isEqualTo(2);
        assertThat(till.get("Status").asInt()).as("fully paid").isEqualTo(3);
        assertThat(till.get("Items").get(0).get("ItemId").asString()).isEqualTo("LS100-WH-S");
        assertThat(till.get("Payments").get(0).get("TenderCode").asInt()).isEqualTo(50);
        assertThat(till.get("Notes").asString()).contains("Eva", "Storgatan 2");

        // Centra told the other shop it lost
        receive(order, "rejected");
        assertThat(offerOf(STOCKHOLM_KEY, "stockholm", order).get("state").asString()).isIn("lost", "rejected");

        // closed at the till; the connector looks at the till when its poll is due
        Http.Response close = Http.send("POST", TILL + "/sandbox/orders/" + offer.get("centaraOrderId").asString() + "/close",
                TILL_ADMIN, null);
        assertThat(close.status()).as(close.body()).isEqualTo(200);
        worker.workAll();
        assertThat(offerOf(GOTEBORG_KEY, "goteborg", order).get("state").asString()).as("not looked at yet").isEqualTo("in_till");
        advance(Duration.ofMinutes(1));
        worker.workAll();

        JsonNode done = offerOf(GOTEBORG_KEY, "goteborg", order);
        assertThat(done.get("state").asString()).as(done.toString()).isEqualTo("shipped");
        JsonNode centra = centraOrder(order);
        assertThat(centra.get("shipments")).hasSize(1);
        assertThat(centra.get("orderStatus").asString()).isEqualTo("4");
        assertThat(CENTRA.physical("goteborg", EAN)).as("stock left Göteborg's warehouse").isEqualTo(before - 1);
        worker.workAll();
        assertThat(centraOrder(order).get("shipments")).as("exactly one shipment").hasSize(1);
    }

    @Test
    void aStoreCannotSeeOrTouchAnotherStoresOffer() {
        long order = placeWebOrder(EAN, 1, 3);
        receive(order, "create");
        long id = offerOf(GOTEBORG_KEY, "goteborg", order).get("id").asLong();

        assertThat(Http.send("GET", base() + "/api/stores/stockholm/offers/" + id, Map.of("Authorization", "Bearer " + STOCKHOLM_KEY),
                null).status()).isEqualTo(404);
        assertThat(storeCall(STOCKHOLM_KEY, "/api/stores/stockholm/offers/" + id + "/accept", "{}").status()).isEqualTo(404);
        assertThat(storeCall(STOCKHOLM_KEY, "/api/stores/goteborg/offers/" + id + "/accept", "{}").status()).isEqualTo(403);
        assertThat(storeCall("no-such-key-at-all", "/api/stores/goteborg/offers/" + id + "/accept", "{}").status()).isEqualTo(401);
        Http.Response noReason = storeCall(GOTEBORG_KEY, "/api/stores/goteborg/offers/" + id + "/reject", "{}");
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.body()).contains("reason");
        assertThat(offerOf(GOTEBORG_KEY, "goteborg", order).get("state").asString()).isEqualTo("offered");

        Http.Response rejected = storeCall(GOTEBORG_KEY, "/api/stores/goteborg/offers/" + id + "/reject",
                "{\"reason\": \"not on the shelf\"}");
        assertThat(rejected.status()).isEqualTo(200);
        worker.workAll();
        assertThat(offerOf(GOTEBORG_KEY, "goteborg", order).get("state").asString()).isEqualTo("rejected");
        assertThat(storeCall(GOTEBORG_KEY, "/api/stores/goteborg/offers/" + id + "/accept", "{}").status())
                .as("decided already").isEqualTo(409);
    }
}
