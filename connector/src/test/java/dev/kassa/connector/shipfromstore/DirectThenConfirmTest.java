package dev.kassa.connector.shipfromstore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kassa.common.testing.Http;
import dev.kassa.connector.ShipFromStoreTest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * "Direct, then confirm" over real HTTP with the Centra sandbox's Berlin shop (warehouse 4): Centra
 * allocates a German web order in Berlin and sends an allocation request; the store confirms it (PUT
 * allocation-request), the order goes into Berlin's till and ships from there. Also: a request whose webhook
 * was lost is found by the safety net and can still be confirmed after it timed out; an outdated request
 * is lost, whichever of its events comes first.
 */
class DirectThenConfirmTest extends ShipFromStoreTest {

    private static final String EAN = "7350000010015"; // Linen Shirt White S: Berlin has at least one of every item

    @Autowired
    SafetyNet safetyNet;

    @org.junit.jupiter.api.BeforeEach
    void berlinHasStock() {
        CENTRA.setPhysical("berlin", EAN, 20);
    }

    @AfterEach
    void webhooksBack() {
        webhooksLost(false);
    }

    /** Places a German web order; Centra allocates it in Berlin and makes an allocation request that expires in {@code seconds}. */
    private JsonNode placeGermanOrder(int qty, long seconds) {
        Http.Response r = CENTRA.admin("POST", "/sandbox/web-orders", """
                {"country": "DE", "expiresInSeconds": %d,
                 "customer": {"email": "jonas@example.com", "firstName": "Jonas", "lastName": "Weber",
                 "address": "Torstraße 1", "zipcode": "10119", "city": "Berlin"},
                 "lines": [{"ean": "%s", "qty": %d}]}""".formatted(seconds, EAN, qty));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().get("allocationRequests")).as(r.body()).hasSize(1);
        assertThat(r.json().get("allocationRequests").get(0).get("warehouse").asLong()).isEqualTo(4);
        return r.json();
    }

    /** Waits (real time: the sandbox sends webhooks asynchronously) until the order's request became an offer. */
    private JsonNode receiveRequest(long order) {
        Instant end = Instant.now().plus(Duration.ofSeconds(30));
        while (true) {
            processor.processAll();
            JsonNode offer = offerOf(BERLIN_KEY, "berlin", order);
            if (offer != null) {
                return offer;
            }
            assertThat(Instant.now()).as("the allocation request of order %d arrived", order).isBefore(end);
            sleep(20);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** The request as Centra has it (every status). */
    private JsonNode centraRequest(long requestId, long order) {
        JsonNode list = Http.send("GET", CENTRA.endpoint("store-berlin") + "/allocation-requests?status=all&order=" + order,
                Map.of("API-Authorization", "demo-berlin-secret"), null).json().get("allocation_requests");
        for (JsonNode r : list) {
            if (r.get("id").asLong() == requestId) {
                return r;
            }
        }
        throw new AssertionError("no request " + requestId + " in " + list);
    }

    private JsonNode germanOrder(long order) {
        return Http.send("GET", CENTRA.endpoint("order-api-de") + "/orders?order=" + order,
                Map.of("API-Authorization", "demo-de-secret"), null).json().get("orders").get(0);
    }

    private int allocatedInBerlin(long order) {
        int qty = 0;
        for (JsonNode line : germanOrder(order).get("products")) {
            for (JsonNode w : line.get("warehouses")) {
                if (w.get("name").asString().equals("Store Berlin")) {
                    qty += w.get("itemQty").asInt();
                }
            }
        }
        return qty;
    }

    private Http.Response berlin(String path, String body) {
        return storeCall(BERLIN_KEY, "/api/stores/berlin/offers/" + path, body);
    }

    private JsonNode withHistory(long order) {
        long id = offerOf(BERLIN_KEY, "berlin", order).get("id").asLong();
        return Http.send("GET", base() + "/api/stores/berlin/offers/" + id, Map.of("Authorization", "Bearer " + BERLIN_KEY), null)
                .json();
    }

    private String state(long order) {
        return offerOf(BERLIN_KEY, "berlin", order).get("state").asString();
    }

    @Test
    void aConfirmedRequestLandsInBerlinsTillAndShipsFromThere() {
        int before = CENTRA.physical("berlin", EAN);
        JsonNode placed = placeGermanOrder(1, 3600);
        long order = placed.get("orderNumber").asLong();
        long requestId = placed.get("allocationRequests").get(0).get("id").asLong();
        assertThat(allocatedInBerlin(order)).as("Centra allocated it in Berlin at once").isEqualTo(1);

        JsonNode offer = receiveRequest(order);
        assertThat(offer.get("state").asString()).isEqualTo("offered");
        assertThat(offer.get("variant").asString()).isEqualTo("allocation-request");
        assertThat(Instant.parse(offer.get("deadline").asString())).isAfter(clock.instant().plus(Duration.ofMinutes(55)));
        assertThat(offerOf(STOCKHOLM_KEY, "stockholm", order)).as("only Berlin is asked").isNull();

        long id = offer.get("id").asLong();
        Http.Response accepted = berlin(id + "/accept", "{\"by\": \"Lena\"}");
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
        worker.workAll();

        JsonNode now = offerOf(BERLIN_KEY, "berlin", order);
        assertThat(now.get("state").asString()).as(now.toString()).isEqualTo("in_till");
        assertThat(centraRequest(requestId, order).get("status").asString()).isEqualTo("confirmed");
        JsonNode till = Http.send("GET", TILL + "/api/order/" + order, Map.of("Authorization", "Bearer " + CENTARA_TOKEN), null).json();
        assertThat(till.get("StoreId").asInt()).isEqualTo(3);
        assertThat(till.get("Items").get(0).get("ItemId").asString()).isEqualTo("LS100-WH-S");
        assertThat(till.get("Notes").asString()).contains("Jonas", "Torstraße 1");

        Http.Response close = Http.send("POST", TILL + "/sandbox/orders/" + now.get("centaraOrderId").asString() + "/close",
                TILL_ADMIN, null);
        assertThat(close.status()).as(close.body()).isEqualTo(200);
        advance(Duration.ofMinutes(1));
        worker.workAll();

        assertThat(state(order)).isEqualTo("shipped");
        assertThat(germanOrder(order).get("shipments")).hasSize(1);
        assertThat(CENTRA.physical("berlin", EAN)).as("stock left Berlin's warehouse").isEqualTo(before - 1);
        worker.workAll();
        assertThat(germanOrder(order).get("shipments")).as("exactly one shipment").hasSize(1);
    }

    @Test
    void aRequestWhoseWebhookWasLostIsFoundByPollingAndCanBeConfirmedAfterItTimedOut() {
        webhooksLost(true);
        JsonNode placed = placeGermanOrder(1, 600);
        long order = placed.get("orderNumber").asLong();
        long requestId = placed.get("allocationRequests").get(0).get("id").asLong();
        Instant end = Instant.now().plus(Duration.ofSeconds(30));
        while (!centraRequest(requestId, order).get("status").asString().equals("failed")) {
            assertThat(Instant.now()).as("Centra noted the failed webhook").isBefore(end);
            sleep(20);
        }
        advance(Duration.ofMinutes(11));
        assertThat(centraRequest(requestId, order).get("status").asString()).isEqualTo("timed-out");
        assertThat(allocatedInBerlin(order)).as("the items moved on to Central").isZero();
        processor.processAll();
        assertThat(offerOf(BERLIN_KEY, "berlin", order)).as("no webhook came").isNull();

        assertThat(safetyNet.poll()).hasValueSatisfying(f -> assertThat(f.requests()).isEqualTo(1));
        assertThat(safetyNet.poll()).hasValueSatisfying(f -> assertThat(f.requests()).as("found once").isZero());
        JsonNode offer = withHistory(order);
        assertThat(offer.get("state").asString()).isEqualTo("offered");
        assertThat(offer.get("requestId").asLong()).isEqualTo(requestId);
        assertThat(offer.get("history").get(0).get("by").asString()).isEqualTo("poll");
        worker.workAll();
        assertThat(state(order)).as("found after its deadline: a person still has time").isEqualTo("offered");

        Http.Response accepted = berlin(offer.get("id").asLong() + "/accept", "{\"by\": \"Lena\"}");
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
        worker.workAll();
        assertThat(state(order)).isEqualTo("in_till");
        assertThat(centraRequest(requestId, order).get("status").asString()).isEqualTo("confirmed");
        assertThat(allocatedInBerlin(order)).as("confirming took the items back to Berlin").isEqualTo(1);
    }

    @Test
    void aRequestFoundLateThatNobodyDecidesIsRejectedHalfAnHourLater() {
        webhooksLost(true);
        JsonNode placed = placeGermanOrder(1, 600);
        long order = placed.get("orderNumber").asLong();
        long requestId = placed.get("allocationRequests").get(0).get("id").asLong();
        advance(Duration.ofMinutes(11));
        assertThat(safetyNet.poll()).hasValueSatisfying(f -> assertThat(f.requests()).isGreaterThanOrEqualTo(1));
        worker.workAll();
        assertThat(state(order)).isEqualTo("offered");

        advance(Duration.ofMinutes(31));
        worker.workAll();
        JsonNode offer = withHistory(order);
        assertThat(offer.get("state").asString()).as(offer.toString()).isEqualTo("rejected");
        assertThat(offer.get("history").get(1).get("why").asString()).contains("30 minutes");
        assertThat(centraRequest(requestId, order).get("status").asString()).isEqualTo("rejected");
    }

    /** Centra's event about the request of a placed order, as the sandbox would send it (it cannot outdate Berlin's requests itself). */
    private String requestEvent(JsonNode placed, String action, String status) {
        return requestEvent(placed, action, status, placed.get("allocationRequests").get(0).get("id").asLong());
    }

    /** The same with the event's {@code id} given: the request's (Centra's POS guide) or the order number (its AMS help). */
    private String requestEvent(JsonNode placed, String action, String status, long id) {
        return """
                {"events": [{"type": "allocation_request", "action": "%s", "date": "2026-11-23 10:00:00.000001", "id": %d,
                  "data": {"status": "%s", "warehouseId": 4,
                    "expirationDate": {"date": "2030-01-01 12:00:00.000000", "timezone_type": 3, "timezone": "Europe/Berlin"},
                    "order": {"id": "0123456789abcdef0123456789abcdef", "number": %d},
                    "lines": {"1": {"lineId": 1, "quantity": 1, "stockItemId": 1}}}}]}"""
                .formatted(action, id, status, placed.get("orderNumber").asLong());
    }

    @Test
    void anOutdatedRequestIsLostWhicheverOfItsEventsComesFirst() {
        // another warehouse confirmed the lines, and Centra's "outdated" comes before the create
        webhooksLost(true);
        JsonNode first = placeGermanOrder(1, 3600);
        long order = first.get("orderNumber").asLong();
        assertThat(deliver(requestEvent(first, "update", "outdated")).status()).isEqualTo(200);
        processor.processAll();
        assertThat(offerOf(BERLIN_KEY, "berlin", order)).isNull();
        assertThat(deliver(requestEvent(first, "create", "allocated")).status()).isEqualTo(200);
        processor.processAll();
        JsonNode offer = offerOf(BERLIN_KEY, "berlin", order);
        assertThat(offer.get("state").asString()).as(offer.toString()).isEqualTo("lost");
        assertThat(Instant.parse(offer.get("deadline").asString()))
                .isEqualTo(LocalDateTime.parse("2030-01-01T12:00:00").atZone(ZoneId.of("Europe/Berlin")).toInstant());

        // and in the usual order: created, then outdated
        JsonNode second = placeGermanOrder(1, 3600);
        long other = second.get("orderNumber").asLong();
        assertThat(deliver(requestEvent(second, "create", "allocated")).status()).isEqualTo(200);
        processor.processAll();
        worker.workAll();
        assertThat(state(other)).isEqualTo("offered");
        assertThat(deliver(requestEvent(second, "update", "outdated")).status()).isEqualTo(200);
        processor.processAll();
        assertThat(state(other)).isEqualTo("lost");
    }

    @Test
    void eitherReadingOfAnEventsIdFindsTheSameRequest() {
        // the outdated event says the order number as its id (AMS help), the create the request's (POS guide)
        webhooksLost(true);
        JsonNode placed = placeGermanOrder(1, 3600);
        long order = placed.get("orderNumber").asLong();
        assertThat(deliver(requestEvent(placed, "update", "outdated", order)).status()).isEqualTo(200);
        processor.processAll();
        assertThat(deliver(requestEvent(placed, "create", "allocated")).status()).isEqualTo(200);
        processor.processAll();
        assertThat(state(order)).isEqualTo("lost");

        // and the other way round, with the create twice under both ids: one offer
        JsonNode other = placeGermanOrder(1, 3600);
        long second = other.get("orderNumber").asLong();
        assertThat(deliver(requestEvent(other, "create", "allocated", second)).status()).isEqualTo(200);
        assertThat(deliver(requestEvent(other, "create", "allocated")).status()).isEqualTo(200);
        processor.processAll();
        assertThat(jdbc.sql("select count(*) from connector_offer where order_number = ?").param(second).query(Integer.class).single())
                .isEqualTo(1);
        assertThat(deliver(requestEvent(other, "update", "outdated", second)).status()).isEqualTo(200);
        processor.processAll();
        assertThat(state(second)).isEqualTo("lost");
    }

    @Test
    void theDocsAllocationRequestPayloadBecomesAnOfferWithItsPhpDeadline() {
        String json = fixture("centra-allocation-request-create.json").replace("\"warehouseId\": 9", "\"warehouseId\": 4")
                .replace("\"number\": 67", "\"number\": 870067");
        assertThat(deliver(json).status()).isEqualTo(200);
        processor.processAll();
        JsonNode offer = offerOf(BERLIN_KEY, "berlin", 870067);
        assertThat(offer).isNotNull();
        assertThat(Instant.parse(offer.get("deadline").asString())).isEqualTo(
                LocalDateTime.parse("2023-12-29T10:44:11.384").atZone(ZoneId.of("Europe/Stockholm")).toInstant());
    }
}
