package dev.kassa.connector.shipfromstore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kassa.common.testing.Http;
import dev.kassa.connector.ShipFromStoreTest;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Another channel on the same Centara posts till orders with references of its own (issue 15 §1): a 409
 * for the connector's ReferenceNumber is only the connector's order when the order found is in the right
 * store with the right items and Kassa's marker. Anything else fails the offer for a person to see, and
 * nothing is ever shipped from the wrong shop. (The cure, a reference prefix: {@link ReferencePrefixTest}.)
 */
class ReferenceCollisionTest extends ShipFromStoreTest {

    /** Items of these classes alone, so other classes' unshipped orders never hold their Göteborg stock. */
    static final String EAN = dev.kassa.connector.StockTest.item(1008).ean();
    static final String OTHER_EAN = dev.kassa.connector.StockTest.item(1009).ean();

    /** Another channel's till order with this ReferenceNumber in Centara store {@code store}; its OrderId. */
    static String otherChannelsOrder(String reference, int store) {
        return otherChannelsOrder(reference, store, "LS100-WH-S");
    }

    /** The same, of one {@code itemId}. */
    static String otherChannelsOrder(String reference, int store, String itemId) {
        String now = OffsetDateTime.now().withNano(0).toString();
        Http.Response r = Http.send("POST", TILL + "/api/order", Map.of("Authorization", "Bearer " + CENTARA_TOKEN), """
                {"StoreId": %d, "ReferenceNumber": "%s", "Created": "%s", "DueAt": "%s", "Notes": "Shopify order",
                 "Items": [{"ItemId": "%s", "Quantity": 1, "Price": 599}]}""".formatted(store, reference, now, now, itemId));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().get("OrderId").asString();
    }

    @Test
    void anotherChannelsOrderWithTheSameReferenceIsNeverTakenForOurs() {
        CENTRA.setPhysical("goteborg", EAN, 1000);
        long order = placeWebOrder(EAN, 1, 3);
        receive(order, "create");
        String theirs = otherChannelsOrder(Long.toString(order), 1); // Stockholm's till, another channel

        long id = offerOf(GOTEBORG_KEY, "goteborg", order).get("id").asLong();
        assertThat(storeCall(GOTEBORG_KEY, "/api/stores/goteborg/offers/" + id + "/accept", "{}").status()).isEqualTo(200);
        worker.workAll();

        JsonNode offer = Http.send("GET", base() + "/api/stores/goteborg/offers/" + id,
                Map.of("Authorization", "Bearer " + GOTEBORG_KEY), null).json();
        assertThat(offer.get("state").asString()).as(offer.toString()).isEqualTo("failed");
        String why = offer.get("history").get(offer.get("history").size() - 1).get("why").asString();
        assertThat(why).contains("Centara store 1").contains(theirs).contains("reference-prefix");
        assertThat(offer.get("centaraOrderId").isNull()).as("not adopted").isTrue();
        JsonNode failed = Http.send("GET", base() + "/api/admin/offers?state=failed", Map.of("Authorization", "Bearer " + ADMIN), null).json();
        assertThat(failed.toString()).as("head office lists it").contains("\"order\":" + order);

        // the other channel closes its order: nothing is shipped in Centra from Göteborg
        assertThat(Http.send("POST", TILL + "/sandbox/orders/" + theirs + "/close", TILL_ADMIN, null).status()).isEqualTo(200);
        advance(Duration.ofMinutes(2));
        worker.workAll();
        assertThat(centraOrder(order).get("shipments")).isEmpty();
        assertThat(offerOf(GOTEBORG_KEY, "goteborg", order).get("state").asString()).isEqualTo("failed");
    }

    @Test
    void theSameStoreAndItemsWithoutKassasMarkerAreNotOursEither() {
        CENTRA.setPhysical("goteborg", OTHER_EAN, 1000);
        long order = placeWebOrder(OTHER_EAN, 1, 3);
        receive(order, "create");
        // Göteborg's own till, the same item and quantity: without Kassa's marker still not ours
        otherChannelsOrder(Long.toString(order), 2, dev.kassa.connector.StockTest.item(1009).itemId());

        long id = offerOf(GOTEBORG_KEY, "goteborg", order).get("id").asLong();
        assertThat(storeCall(GOTEBORG_KEY, "/api/stores/goteborg/offers/" + id + "/accept", "{}").status()).isEqualTo(200);
        worker.workAll();
        JsonNode offer = offerOf(GOTEBORG_KEY, "goteborg", order);
        assertThat(offer.get("state").asString()).isEqualTo("failed");
    }
}
