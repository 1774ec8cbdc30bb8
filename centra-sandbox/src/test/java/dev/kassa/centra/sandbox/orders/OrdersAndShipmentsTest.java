package dev.kassa.centra.sandbox.orders;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kassa.centra.sandbox.Datasets;
import dev.kassa.centra.sandbox.SandboxTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** POST order, GET orders and the shipment endpoints over HTTP, with their effect on stock (§6, §7, §13.6, §13.11). */
class OrdersAndShipmentsTest extends SandboxTest {

    private static final String EAN = "5901144123590";
    private static final String ORDER = """
            {"address": {"email": "anna@example.com", "firstName": "Anna", "lastName": "Berg", "country": "SE",
                         "address": "Drottninggatan 1", "zipcode": "11151", "city": "Stockholm"},
             "products": [{"ean": "5901144123590", "qty": 2}],
             "payment": {"id": 1, "auth": {"status": 1, "amount": 500, "method": "cc", "transaction": "t-1"}}}""";

    @BeforeEach
    void golden() {
        putState(Datasets.GOLDEN);
    }

    private JsonNode post(String path, String body) {
        Response r = orderApi("POST", "/api/order-api/" + path, "s3cret", body);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private JsonNode put(String path, String body) {
        Response r = orderApi("PUT", "/api/order-api/" + path, "s3cret", body);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private JsonNode order(long number) {
        JsonNode orders = getOk("/api/order-api/orders?order=" + number, "s3cret").get("orders");
        assertThat(orders.size()).isEqualTo(1);
        return orders.get(0);
    }

    @Test
    void createdOrderAllocatesFromThePrimaryWarehouseAndListsItsLines() {
        JsonNode created = post("order", ORDER);
        assertThat(created.get("status").asString()).isEqualTo("ok");
        long number = created.get("orders").get(0).asLong();
        assertThat(stockOf("order-api", "s3cret", EAN)).containsExactly(499, 9, 490);

        JsonNode o = order(number);
        assertThat(o.get("orderStatus").asString()).isEqualTo("2");
        assertThat(o.get("deliveryName").asString()).isEqualTo("Anna Berg");
        assertThat(o.get("orderCurrency").asString()).isEqualTo("SEK");
        JsonNode line = o.get("products").get(0);
        assertThat(line.get("ean").asString()).isEqualTo(EAN);
        assertThat(line.get("qty").asInt()).isEqualTo(2);
        // 200 SEK ex VAT in pricelist 19, sold in Sweden at 25 %.
        assertThat(line.get("price").decimalValue()).isEqualByComparingTo("250");
        assertThat(line.get("warehouses").get(0).get("name").asString()).isEqualTo("Central");
        assertThat(line.get("warehouses").get(0).get("itemQty").asInt()).isEqualTo(2);
        assertThat(o.get("grandTotalValue").decimalValue()).isEqualByComparingTo("500");
        assertThat(o.get("grandTotalTaxValue").decimalValue()).isEqualByComparingTo("100");
    }

    @Test
    void shippingAnOrderLowersPhysicalAndAllocatedStockAndCompletesIt() {
        long number = post("order", ORDER).get("orders").get(0).asLong();
        String lineId = order(number).get("products").get(0).get("lineId").asString();

        JsonNode shipment = post("shipments", "{\"order\": " + number + ", \"products\": {\"" + lineId + "\": 2},"
                + " \"gtg\": true}");
        String id = shipment.get("shipment").asString();
        assertThat(id).isEqualTo(number + "-1");
        assertThat(shipment.has("invoice")).as("captured at creation").isTrue();
        assertThat(order(number).get("orderStatus").asString()).isEqualTo("3");
        JsonNode listed = getOk("/api/order-api/shipments", "s3cret").get("shipments");
        assertThat(listed.size()).isEqualTo(1);
        assertThat(listed.get(0).get("shipmentId").asString()).isEqualTo(id);
        assertThat(stockOf("order-api", "s3cret", EAN)).containsExactly(499, 9, 490);

        assertThat(put("shipment", "{\"order\": " + number + ", \"shipment\": \"" + id + "\"}").get("msg").asString())
                .as("gtg and shipped have no default").contains("good to go and shipped");
        assertThat(stockOf("order-api", "s3cret", EAN)).containsExactly(499, 9, 490);
        JsonNode done = put("shipment", "{\"order\": " + number + ", \"shipment\": \"" + id + "\","
                + " \"gtg\": true, \"shipped\": true, \"carrier\": \"PostNord\", \"tracking\": \"TRK1\"}");
        assertThat(done.get("status").asString()).isEqualTo("ok");
        assertThat(stockOf("order-api", "s3cret", EAN)).containsExactly(497, 7, 490);
        assertThat(order(number).get("orderStatus").asString()).isEqualTo("4");
        assertThat(getOk("/api/order-api/shipments?status=completed", "s3cret").get("shipments").get(0)
                .get("trackingNumber").asString()).isEqualTo("TRK1");
        assertThat(put("shipment", "{\"order\": " + number + ", \"shipment\": \"" + id + "\"}").get("msg").asString())
                .isEqualTo("shipment is already completed");
        assertThat(stockOf("order-api", "s3cret", EAN)).containsExactly(497, 7, 490);
    }

    @Test
    void posSaleAsOrderCompletesInTwoCalls() {
        String sale = """
                {"address": {"email": "pos@example.com", "country": "SE"}, "products": [{"ean": "5901144123590", "qty": 1}],
                 "payment": {"capture": {"status": 1, "amount": 250}}}""";
        long number = post("order", sale).get("orders").get(0).asLong();
        String lineId = order(number).get("products").get(0).get("lineId").asString();
        post("shipments", "{\"order\": " + number + ", \"products\": {\"" + lineId + "\": 1}, \"gtg\": true,"
                + " \"shipped\": true, \"capture\": false}");
        assertThat(order(number).get("orderStatus").asString()).isEqualTo("4");
        assertThat(stockOf("order-api", "s3cret", EAN)).containsExactly(498, 7, 491);
    }

    @Test
    void refusalsCarryTheirCodeAndWriteNothing() {
        assertThat(post("order", ORDER.replace("\"qty\": 2", "\"qty\": 1000")).get("code").asInt()).isEqualTo(-2);
        assertThat(post("order", ORDER.replace(EAN, "0000000000000")).get("code").asInt()).isEqualTo(-1);
        assertThat(post("order", ORDER.replace("[{\"ean\": \"5901144123590\", \"qty\": 2}]", "[]"))
                .get("code").asInt()).isEqualTo(-3);
        assertThat(post("order", ORDER.replace("\"email\": \"anna@example.com\", ", "")).get("code").asInt())
                .isEqualTo(-4);
        long number = post("order", ORDER.replace("{\"address\"", "{\"orderNumber\": 77, \"address\"")).get("orders")
                .get(0).asLong();
        assertThat(number).isEqualTo(77);
        assertThat(post("order", ORDER.replace("{\"address\"", "{\"orderNumber\": 77, \"address\"")).get("code")
                .asInt()).isEqualTo(-5);
        assertThat(post("order", ORDER.replace("{\"address\"", "{\"customerId\": 999999, \"address\""))
                .get("code").asInt()).isEqualTo(-7);
        assertThat(orderApi("POST", "/api/order-api/order", "s3cret",
                ORDER.replace("\"qty\": 2", "\"qty\": \"two\"")).status()).isEqualTo(400);
        assertThat(getOk("/api/order-api/orders", "s3cret").get("orders").size()).isEqualTo(1);
        assertThat(stockOf("order-api", "s3cret", EAN)).containsExactly(499, 9, 490);
    }

    @Test
    void batchCreateSucceedsPerKey() {
        JsonNode r = post("orders", "{\"a\": " + ORDER + ", \"b\": " + ORDER.replace("\"qty\": 2", "\"qty\": 9999") + "}");
        assertThat(r.get("a").get("status").asString()).isEqualTo("ok");
        assertThat(r.get("b").get("status").asString()).isEqualTo("no");
        assertThat(r.get("b").get("code").asInt()).isEqualTo(-2);
        assertThat(getOk("/api/order-api/orders", "s3cret").get("orders").size()).isEqualTo(1);
    }

    @Test
    void createOnlyOrderIsPendingUntilCompleted() {
        JsonNode r = post("order", ORDER.replace("{\"address\"", "{\"createOnly\": true, \"address\""));
        long number = r.get("order").asLong();
        assertThat(order(number).get("orderStatus").asString()).isEqualTo("1");
        JsonNode done = post("order/" + number, "{\"internalComment\": \"paid at till\"}");
        assertThat(done.get("orders").get(0).asString()).isEqualTo(Long.toString(number));
        assertThat(order(number).get("orderStatus").asString()).isEqualTo("2");
        assertThat(order(number).get("internalComment").asString()).isEqualTo("paid at till");
        assertThat(post("order/424242", "{}").get("msg").asString()).isEqualTo("order does not exist");
    }

    @Test
    void updateOrderAppendsCommentsAndDeletingAnUncapturedShipmentFreesItsLines() {
        long number = post("order", ORDER).get("orders").get(0).asLong();
        put("orders", "{\"order\": " + number + ", \"comment\": \"gift\"}");
        put("orders", "{\"order\": " + number + ", \"comment\": \"wrap it\"}");
        assertThat(order(number).get("otherComment").asString()).isEqualTo("gift\nwrap it");
        String lineId = order(number).get("products").get(0).get("lineId").asString();
        String id = post("shipments", "{\"order\": " + number + ", \"products\": {\"" + lineId + "\": 2},"
                + " \"capture\": false}").get("shipment").asString();
        assertThat(post("shipments", "{\"order\": " + number + ", \"products\": {\"" + lineId + "\": 1}}")
                .get("status").asString()).isEqualTo("no");
        JsonNode deleted = orderApi("DELETE", "/api/order-api/shipments/" + id, "s3cret", null).json();
        assertThat(deleted.get("msg").asString()).isEqualTo("shipment removed");
        assertThat(order(number).get("orderStatus").asString()).isEqualTo("2");
        assertThat(post("shipments", "{\"order\": " + number + ", \"products\": {\"" + lineId + "\": 2}}")
                .get("status").asString()).isEqualTo("ok");
    }
}
