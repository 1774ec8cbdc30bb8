package dev.kassa.connector.shipfromstore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kassa.common.testing.Http;
import dev.kassa.connector.CentraSandbox;
import dev.kassa.connector.ShipFromStoreTest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Others act on Centra too (issue 15 §2): an offer accepted in Centra by something other than the connector
 * (AMS, Centra's own check-first API, a second integration), whose accepted event is lost, is this store's
 * order: the reject the connector sends before the deadline meets "already answered", and the order,
 * allocated to this store, goes into its till; the safety net finds it too; and so does a connector whose
 * database was restored from a backup older than its own accept.
 */
class OutsideActorsTest extends ShipFromStoreTest {

    /** An item of this class alone, so other classes' unshipped orders never hold its Göteborg stock. */
    private static final String EAN = dev.kassa.connector.StockTest.item(1007).ean();

    @Autowired
    SafetyNet safetyNet;

    @AfterEach
    void webhooksBack() {
        webhooksLost(false);
    }

    /** Göteborg's offer accepted straight at Centra's check-first API, as AMS or another integration would. */
    private static void acceptInCentra(long order) {
        Http.Response r = Http.send("POST", CENTRA.endpoint("store-goteborg") + "/check-first",
                Map.of("API-Authorization", CentraSandbox.secret("goteborg")),
                "{\"orderNumber\": " + order + ", \"warehouseId\": 3, \"accepted\": true}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("status").asString()).as(r.body()).isEqualTo("ok");
    }

    private JsonNode till(long order) {
        Http.Response r = Http.send("GET", TILL + "/api/order/" + order, Map.of("Authorization", "Bearer " + CENTARA_TOKEN), null);
        return r.status() == 404 ? null : r.json();
    }

    private long offered(long order) {
        CENTRA.setPhysical("goteborg", EAN, 1000);
        receive(order, "create");
        webhooksLost(true); // the accepted event of what happens next never reaches the connector
        return offerOf(GOTEBORG_KEY, "goteborg", order).get("id").asLong();
    }

    @Test
    void anAcceptMadeInCentraIsNotUndoneByTheRejectBeforeTheDeadline() {
        long order = placeWebOrder(EAN, 1, 3);
        long id = offered(order);
        acceptInCentra(order);
        processor.processAll();
        assertThat(offerOf(GOTEBORG_KEY, "goteborg", order).get("state").asString()).as("no event came").isEqualTo("offered");

        // nobody decided in the console: shortly before the deadline the connector rejects
        advance(Duration.ofMinutes(59));
        worker.workAll();

        JsonNode offer = Http.send("GET", base() + "/api/stores/goteborg/offers/" + id,
                Map.of("Authorization", "Bearer " + GOTEBORG_KEY), null).json();
        assertThat(offer.get("state").asString()).as(offer.toString()).isEqualTo("in_till");
        assertThat(offer.get("history").toString()).contains("already answered").contains("allocated to this store");
        JsonNode till = till(order);
        assertThat(till).as("the order is in Göteborg's till").isNotNull();
        assertThat(till.get("StoreId").asInt()).isEqualTo(2);
    }

    @Test
    void theSafetyNetFindsAnAcceptMadeInCentra() {
        long order = placeWebOrder(EAN, 1, 2, 3);
        offered(order);
        acceptInCentra(order);

        assertThat(safetyNet.poll()).hasValueSatisfying(f -> assertThat(f.settled()).isEqualTo(2));
        assertThat(offerOf(GOTEBORG_KEY, "goteborg", order).get("state").asString()).isEqualTo("accepted");
        assertThat(offerOf(STOCKHOLM_KEY, "stockholm", order).get("state").asString()).isEqualTo("lost");
        worker.workAll();
        assertThat(offerOf(GOTEBORG_KEY, "goteborg", order).get("state").asString()).isEqualTo("in_till");
        assertThat(till(order).get("StoreId").asInt()).isEqualTo(2);
    }

    @Test
    void aDatabaseRestoredFromBeforeTheAcceptStillShipsTheOrderOnce() {
        long order = placeWebOrder(EAN, 1, 3);
        long id = offered(order);
        assertThat(storeCall(GOTEBORG_KEY, "/api/stores/goteborg/offers/" + id + "/accept", "{}").status()).isEqualTo(200);
        worker.workAll();
        String tillOrder = offerOf(GOTEBORG_KEY, "goteborg", order).get("centaraOrderId").asString();
        assertThat(tillOrder).isNotBlank();

        // the backup was taken while the offer was still open: its accept, its till order, all forgotten
        jdbc.sql("update connector_offer set state = 'offered', centara_order_id = null, decided_by = null where offer_id = ?")
                .param(id).update();
        jdbc.sql("delete from connector_offer_transition where offer_id = ? and seq > 1").param(id).update();

        advance(Duration.ofMinutes(59));
        worker.workAll();
        JsonNode offer = Http.send("GET", base() + "/api/stores/goteborg/offers/" + id,
                Map.of("Authorization", "Bearer " + GOTEBORG_KEY), null).json();
        assertThat(offer.get("state").asString()).as(offer.toString() + " / till: " + Http.send("GET", TILL + "/api/order/" + tillOrder,
                Map.of("Authorization", "Bearer " + CENTARA_TOKEN), null).body()).isEqualTo("in_till");
        assertThat(offer.get("centaraOrderId").asString()).as("the till order it made before, not a second one").isEqualTo(tillOrder);
    }

    @Test
    void anOrderAllocatedToAStoreThatNeverCameAsAnOfferIsShownToHeadOffice() {
        // the check_first create is lost (Centra's API cannot list check-first offers), then AMS accepts for Göteborg
        String ean = dev.kassa.connector.StockTest.item(1010).ean();
        CENTRA.setPhysical("goteborg", ean, 1000);
        webhooksLost(true);
        long order = placeWebOrder(ean, 1, 3);
        acceptInCentra(order);
        processor.processAll();
        assertThat(offerOf(GOTEBORG_KEY, "goteborg", order)).isNull();

        assertThat(safetyNet.poll()).hasValueSatisfying(f -> assertThat(f.unseen()).isPositive());
        JsonNode unseen = Http.send("GET", base() + "/api/admin/offers/unseen", Map.of("Authorization", "Bearer " + ADMIN), null).json();
        assertThat(unseen.get("count").asInt()).isPositive();
        JsonNode listed = null;
        for (JsonNode u : unseen.get("orders")) {
            if (u.get("order").asLong() == order) {
                listed = u;
            }
        }
        assertThat(listed).as(unseen.toString()).isNotNull();
        assertThat(listed.get("store").asString()).isEqualTo("goteborg");
        assertThat(listed.get("detail").asString()).contains("till by hand");
        assertThat(safetyNet.poll()).as("listed once").hasValueSatisfying(f -> assertThat(f.unseen()).isZero());
    }
}
