package dev.kassa.centra.sandbox.shipments;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kassa.centra.sandbox.Datasets;
import dev.kassa.centra.sandbox.SandboxTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Every rule of the shipment endpoints (create, update, complete, capture, delete), broken once each: the
 * documented answer (HTTP 400 for a malformed request, HTTP 200 {@code status:"no"} with the reason for a
 * refusal), and the whole sandbox state, stock included, exactly as before.
 */
class ShipmentBadInputTest extends SandboxTest {

    private static final String SHIRT_M = "5901144123590";
    private static final String SHIRT_L = "5901144123606";

    private record Case(String rule, String method, String path, String api, String body, int status,
                        String message) {
    }

    private long open;
    private String openShipment;
    private long completed;
    private String completedShipment;
    private long paidOrder;
    private String paidShipment;
    private long pending;
    private long unpaid;
    private String unpaidShipment;
    private long american;
    private long backOrdered;

    @BeforeEach
    void orders() {
        putState(Datasets.GOLDEN);
        open = order(SHIRT_M, 2, "", true);
        openShipment = shipment(open, 1, "\"capture\": false");
        completed = order(SHIRT_M, 1, "", true);
        completedShipment = shipment(completed, 1, "\"gtg\": true, \"shipped\": true");
        paidOrder = order(SHIRT_M, 2, "", true);
        paidShipment = shipment(paidOrder, 1, "\"capture\": true");
        pending = order(SHIRT_M, 1, "\"createOnly\": true,", true);
        unpaid = order(SHIRT_M, 2, "", false);
        unpaidShipment = shipment(unpaid, 1, "\"capture\": false");
        american = post("order", """
                {"address": {"email": "amy@example.com", "country": "US"}, "products": [{"ean": "1233421127", "qty": 1}],
                 "payment": {"id": 1, "auth": {"status": 1, "amount": 10, "method": "cc", "transaction": "t-us"}}}""")
                .path("orders").get(0).asLong();
        backOrdered = order(SHIRT_L, 25, "\"forceCreate\": true,", true);
    }

    private JsonNode post(String path, String body) {
        Response r = orderApi("POST", "/api/order-api/" + path, "s3cret", body);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().path("status").asString()).as(r.body()).isEqualTo("ok");
        return r.json();
    }

    private long order(String ean, int qty, String extra, boolean paid) {
        JsonNode r = post("order", """
                {%s "address": {"email": "anna@example.com", "firstName": "Anna", "country": "SE"},
                 "products": [{"ean": "%s", "qty": %d}]%s}""".formatted(extra, ean, qty, paid
                ? ", \"payment\": {\"id\": 1, \"auth\": {\"status\": 1, \"amount\": 9999, \"method\": \"cc\", \"transaction\": \"t\"}}"
                : ""));
        return r.has("order") ? r.get("order").asLong() : r.get("orders").get(0).asLong();
    }

    private String line(long order) {
        return getOk("/api/order-api/orders?order=" + order, "s3cret").get("orders").get(0).get("products").get(0)
                .get("lineId").asString();
    }

    private String shipment(long order, int qty, String extra) {
        return post("shipments", "{\"order\": %d, \"products\": {\"%s\": %d}, %s}".formatted(order, line(order), qty, extra))
                .get("shipment").asString();
    }

    private List<Case> cases() {
        String openLine = line(open);
        List<Case> c = new ArrayList<>();
        // POST shipments
        c.add(new Case("body must be an object", "POST", "shipments", "order-api", "[1]", 400, "must be a JSON object"));
        c.add(new Case("body must be JSON", "POST", "shipments", "order-api", "{\"order\": ", 400, "not valid JSON"));
        c.add(new Case("order is required", "POST", "shipments", "order-api", "{\"products\": {\"1\": 1}}", 200,
                "order is required"));
        c.add(new Case("order must be a number", "POST", "shipments", "order-api",
                "{\"order\": \"first\", \"products\": {\"1\": 1}}", 400, "order must be a number"));
        c.add(new Case("order must exist", "POST", "shipments", "order-api",
                "{\"order\": 424242, \"products\": {\"1\": 1}}", 200, "order does not exist"));
        c.add(new Case("order must be in the plugin's markets", "POST", "shipments", "sweden",
                "{\"order\": %d, \"products\": {\"%s\": 1}}".formatted(american, line(american)), 200,
                "order in wrong market"));
        c.add(new Case("products is required", "POST", "shipments", "order-api", "{\"order\": %d}".formatted(open), 200,
                "products is required"));
        c.add(new Case("products must not be empty", "POST", "shipments", "order-api",
                "{\"order\": %d, \"products\": {}}".formatted(open), 200, "products is required"));
        c.add(new Case("products keys are line ids", "POST", "shipments", "order-api",
                "{\"order\": %d, \"products\": {\"shirt\": 1}}".formatted(open), 400, "\\\"shirt\\\" is not a line id"));
        c.add(new Case("quantity at least 1", "POST", "shipments", "order-api",
                "{\"order\": %d, \"products\": {\"%s\": 0}}".formatted(open, openLine), 400, "must be at least 1"));
        c.add(new Case("quantity a number", "POST", "shipments", "order-api",
                "{\"order\": %d, \"products\": {\"%s\": \"one\"}}".formatted(open, openLine), 400,
                "products." + openLine + " must be a number"));
        c.add(new Case("quantity at most 100000", "POST", "shipments", "order-api",
                "{\"order\": %d, \"products\": {\"%s\": 100001}}".formatted(open, openLine), 400,
                "between 0 and 100000"));
        c.add(new Case("line must be in the order", "POST", "shipments", "order-api",
                "{\"order\": %d, \"products\": {\"%s\": 1}}".formatted(open, line(completed)), 200,
                "is not in order " + open));
        c.add(new Case("no more than is left to ship", "POST", "shipments", "order-api",
                "{\"order\": %d, \"products\": {\"%s\": 2}}".formatted(open, openLine), 200,
                "has 1 item(s) left to ship, not 2"));
        c.add(new Case("only what is allocated", "POST", "shipments", "order-api",
                "{\"order\": %d, \"products\": {\"%s\": 25}}".formatted(backOrdered, line(backOrdered)), 200,
                "has only 20 of 25 item(s) allocated"));
        c.add(new Case("order must be completed first", "POST", "shipments", "order-api",
                "{\"order\": %d, \"products\": {\"%s\": 1}}".formatted(pending, line(pending)), 200,
                "order is not completed yet"));
        c.add(new Case("order that is completed", "POST", "shipments", "order-api",
                "{\"order\": %d, \"products\": {\"%s\": 1}}".formatted(completed, line(completed)), 200,
                "order is completed"));
        c.add(new Case("capture needs an authorised payment", "POST", "shipments", "order-api",
                "{\"order\": %d, \"products\": {\"%s\": 1}}".formatted(unpaid, line(unpaid)), 200,
                "can not capture order"));
        c.add(new Case("gtg must be a boolean", "POST", "shipments", "order-api",
                "{\"order\": %d, \"products\": {\"%s\": 1}, \"gtg\": \"perhaps\"}".formatted(open, openLine), 400, "gtg"));
        c.add(new Case("packages must be a number", "POST", "shipments", "order-api",
                "{\"order\": %d, \"products\": {\"%s\": 1}, \"packages\": \"two\"}".formatted(open, openLine), 400,
                "packages must be a number"));
        // PUT shipments/{id}
        c.add(new Case("update: body must be an object", "PUT", "shipments/" + openShipment, "order-api", "\"gtg\"", 400,
                "must be a JSON object"));
        c.add(new Case("update: shipment id must be a shipment", "PUT", "shipments/first", "order-api", "{\"gtg\": true}",
                200, "shipment does not exist"));
        c.add(new Case("update: shipment must exist", "PUT", "shipments/" + open + "-9", "order-api", "{\"gtg\": true}",
                200, "shipment does not exist"));
        c.add(new Case("update: products must be an object", "PUT", "shipments/" + openShipment, "order-api",
                "{\"products\": [1]}", 400, "products must be an object"));
        c.add(new Case("update: quantity not negative", "PUT", "shipments/" + openShipment, "order-api",
                "{\"products\": {\"%s\": -1}}".formatted(openLine), 400, "between 0 and 100000"));
        c.add(new Case("update: serial number must be text", "PUT", "shipments/" + openShipment, "order-api",
                "{\"products\": {\"%s\": {\"serialNumber\": [1]}}}".formatted(openLine), 400, "serialNumber"));
        c.add(new Case("update: keep at least one line", "PUT", "shipments/" + openShipment, "order-api",
                "{\"products\": {\"%s\": 0}}".formatted(openLine), 200, "keep at least one line"));
        c.add(new Case("update: no more than the order has", "PUT", "shipments/" + openShipment, "order-api",
                "{\"products\": {\"%s\": 3}}".formatted(openLine), 200, "item(s) left to ship, not 3"));
        c.add(new Case("update: a paid shipment keeps its quantities", "PUT", "shipments/" + paidShipment, "order-api",
                "{\"products\": {\"%s\": 2}}".formatted(line(paidOrder)), 200, "shipment is paid and can not be updated"));
        c.add(new Case("update: a sent shipment keeps its lines", "PUT", "shipments/" + completedShipment, "order-api",
                "{\"products\": {\"%s\": 1}}".formatted(line(completed)), 200, "shipment is sent and can not be updated"));
        c.add(new Case("update: gtg must be a boolean", "PUT", "shipments/" + openShipment, "order-api",
                "{\"gtg\": \"soon\"}", 400, "gtg"));
        // PUT shipment (complete)
        c.add(new Case("complete: body must be an object", "PUT", "shipment", "order-api", "7", 400, "must be a JSON object"));
        c.add(new Case("complete: order and shipment required", "PUT", "shipment", "order-api", "{}", 200,
                "order and shipment required"));
        c.add(new Case("complete: shipment required", "PUT", "shipment", "order-api", "{\"order\": %d}".formatted(open), 200,
                "shipment required"));
        c.add(new Case("complete: order must be a number", "PUT", "shipment", "order-api",
                "{\"order\": \"x\", \"shipment\": \"%s\"}".formatted(openShipment), 400, "order must be a number"));
        c.add(new Case("complete: shipment must belong to the order", "PUT", "shipment", "order-api",
                "{\"order\": %d, \"shipment\": \"%s\"}".formatted(completed, openShipment), 200, "shipment does not exist"));
        c.add(new Case("complete: order must be in the plugin's markets", "PUT", "shipment", "sweden",
                "{\"order\": %d, \"shipment\": \"%d-1\"}".formatted(american, american), 200, "order in wrong market"));
        c.add(new Case("complete: not twice", "PUT", "shipment", "order-api",
                "{\"order\": %d, \"shipment\": \"%s\"}".formatted(completed, completedShipment), 200,
                "shipment is already completed"));
        c.add(new Case("complete: capture needs an authorised payment", "PUT", "shipment", "order-api",
                "{\"order\": %d, \"shipment\": \"%s\"}".formatted(unpaid, unpaidShipment), 200, "capture failed"));
        c.add(new Case("complete: gtg and shipped have no default", "PUT", "shipment", "order-api",
                "{\"order\": %d, \"shipment\": \"%s\"}".formatted(open, openShipment), 200, "good to go and shipped"));
        c.add(new Case("complete: shipped must be a boolean", "PUT", "shipment", "order-api",
                "{\"order\": %d, \"shipment\": \"%s\", \"shipped\": \"y\"}".formatted(open, openShipment), 400, "shipped"));
        c.add(new Case("complete: tracking must be text", "PUT", "shipment", "order-api",
                "{\"order\": %d, \"shipment\": \"%s\", \"tracking\": {\"no\": 1}}".formatted(open, openShipment), 400,
                "tracking"));
        // PUT capture
        c.add(new Case("capture: body must be an object", "PUT", "capture", "order-api", "null", 400, "JSON object"));
        c.add(new Case("capture: shipment is required", "PUT", "capture", "order-api", "{}", 200, "shipment is required"));
        c.add(new Case("capture: shipment must exist", "PUT", "capture", "order-api", "{\"shipment\": \"%d-7\"}".formatted(open),
                200, "shipment does not exist"));
        c.add(new Case("capture: not twice", "PUT", "capture", "order-api", "{\"shipment\": \"%s\"}".formatted(paidShipment),
                200, "shipment is already captured"));
        c.add(new Case("capture: needs an authorised payment", "PUT", "capture", "order-api",
                "{\"shipment\": \"%s\"}".formatted(unpaidShipment), 200, "capture failed"));
        // DELETE shipments/{id}
        c.add(new Case("delete: shipment must exist", "DELETE", "shipments/" + open + "-5", "order-api", null, 200,
                "shipment does not exist"));
        c.add(new Case("delete: not once invoiced", "DELETE", "shipments/" + paidShipment, "order-api", null, 200,
                "shipment has invoices or creditnotes and could not be deleted."));
        c.add(new Case("delete: not once sent", "DELETE", "shipments/" + completedShipment, "order-api", null, 200,
                "shipment has invoices or creditnotes and could not be deleted."));
        return c;
    }

    @Test
    void everyRuleAnswersAsDocumentedAndWritesNothing() {
        JsonNode before = state();
        List<Case> cases = cases();
        for (Case c : cases) {
            Response r = orderApi(c.method(), "/api/" + c.api() + "/" + c.path(),
                    c.api().equals("sweden") ? "se-secret" : "s3cret", c.body());
            String why = c.rule() + " → " + r.status() + " " + r.body();
            assertThat(r.status()).as(why).isEqualTo(c.status());
            assertThat(r.json().path("status").asString()).as(why).isEqualTo("no");
            assertThat(r.json().path("msg").toString()).as(why).contains(c.message());
            assertThat(state()).as("state after: " + c.rule()).isEqualTo(before);
        }
        assertThat(cases).hasSizeGreaterThanOrEqualTo(45);
    }

    @Test
    void theSameCallsWithoutTheFaultSucceed() {
        // The refusals above only mean something if the set-up lets the correct calls through.
        JsonNode completedOne = orderApi("PUT", "/api/order-api/shipment", "s3cret",
                "{\"order\": %d, \"shipment\": \"%s\", \"gtg\": true, \"shipped\": true}".formatted(open, openShipment)).json();
        assertThat(completedOne.path("status").asString()).as(completedOne.toString()).isEqualTo("ok");
        assertThat(orderApi("DELETE", "/api/order-api/shipments/" + unpaidShipment, "s3cret", null).json()
                .path("msg").asString()).isEqualTo("shipment removed");
        assertThat(orderApi("PUT", "/api/order-api/shipments/" + paidShipment, "s3cret", "{\"gtg\": true}").json()
                .path("status").asString()).isEqualTo("ok");
        JsonNode american = orderApi("POST", "/api/order-api/shipments", "s3cret",
                "{\"order\": %d, \"products\": {\"%s\": 1}}".formatted(this.american, line(this.american))).json();
        assertThat(american.path("status").asString()).as(american.toString()).isEqualTo("ok");
        JsonNode partial = orderApi("POST", "/api/order-api/shipments", "s3cret",
                "{\"order\": %d, \"products\": {\"%s\": 20}}".formatted(backOrdered, line(backOrdered))).json();
        assertThat(partial.path("status").asString()).as(partial.toString()).isEqualTo("ok");
    }
}
