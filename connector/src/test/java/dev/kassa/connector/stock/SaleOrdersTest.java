package dev.kassa.connector.stock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kassa.common.testing.Http;
import dev.kassa.connector.CentraSandbox;
import dev.kassa.connector.StockTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Store Berlin records its sales as Centra orders (sales-as: orders, spec §13.11), over real HTTP against
 * the Centra sandbox, through the proxy that can lose answers. Stock items 1021–1026 belong to this class.
 */
class SaleOrdersTest extends StockTest {

    private String sellInBerlin(Line... lines) {
        String id = newId(3);
        Http.Response r = post(BERLIN_KEY, transaction(id, 3, "Sale", now(), List.of(lines)));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return id;
    }

    /** Centra's orders (through Berlin's endpoint, not the proxy) that carry the transaction in their internal comment. */
    private static List<JsonNode> ordersOf(String transactionId) {
        Http.Response r = Http.send("GET", CENTRA.endpoint("store-berlin") + "/orders?limit=500",
                Map.of("API-Authorization", CentraSandbox.BERLIN_SECRET), null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        List<JsonNode> out = new ArrayList<>();
        r.json().get("orders").forEach(o -> {
            if (o.path("internalComment").asString("").contains(transactionId)) {
                out.add(o);
            }
        });
        return out;
    }

    private JsonNode stockRow(Item item) {
        return CENTRA.stock(CentraSandbox.BERLIN_SECRET, "store-berlin", item.ean());
    }

    private String saleOrderState(String transactionId) {
        return jdbc.sql("select state from connector_sale_order where transaction_id = ?").param(transactionId)
                .query(String.class).single();
    }

    private void backOffOver() {
        jdbc.sql("update connector_stock_store set next_attempt_at_ms = 0 where store_id = 'berlin'").update();
    }

    @Test
    void aSaleBecomesOneCompletedOrderThatLowersBerlinsPhysicalStock() {
        Item coat = item(1021);
        Item scarf = item(1022);
        CENTRA.setPhysical("berlin", coat.ean(), 30);
        CENTRA.setPhysical("berlin", scarf.ean(), 30);
        String sale = sellInBerlin(line(coat, 2), line(scarf, 1));

        drain("berlin");

        List<JsonNode> orders = ordersOf(sale);
        assertThat(orders).hasSize(1);
        JsonNode order = orders.getFirst();
        assertThat(order.get("orderStatus").asString()).as("shipped and completed").isEqualTo("4");
        assertThat(order.get("products")).extracting(p -> p.get("qty").asInt()).containsExactlyInAnyOrder(2, 1);
        assertThat(order.get("shipments")).hasSize(1);
        assertThat(stockRow(coat).get("physicalStock").asInt()).isEqualTo(28);
        assertThat(stockRow(coat).get("allocatedStock").asInt()).as("the shipment took the allocation").isZero();
        assertThat(stockRow(scarf).get("physicalStock").asInt()).isEqualTo(29);
        assertThat(lineState(sale, 1)).isEqualTo("applied");
        assertThat(lineState(sale, 2)).isEqualTo("applied");
        assertThat(saleOrderState(sale)).isEqualTo("done");

        // the till sends it again: nothing more happens
        Http.Response again = post(BERLIN_KEY, jdbc.sql("select document from connector_pos_transaction where transaction_id = ?")
                .param(sale).query(String.class).single());
        assertThat(again.json().get("result").asString()).isEqualTo("duplicate");
        assertThat(drain("berlin")).isZero();
        assertThat(ordersOf(sale)).hasSize(1);
        assertThat(stockRow(coat).get("physicalStock").asInt()).isEqualTo(28);
    }

    @Test
    void anOrderWhoseAnswerWasLostIsFoundByItsMarkerAndNotCreatedTwice() {
        Item coat = item(1023);
        CENTRA.setPhysical("berlin", coat.ean(), 10);
        CENTRA.fault("{\"kind\": \"lost-answer\", \"instance\": \"store-berlin\", \"method\": \"POST\", \"path\": \"/api/*/order\","
                + " \"count\": 1}");
        String sale = sellInBerlin(line(coat, 3));

        assertThat(writer.cycle("berlin")).as("no answer: the store backs off").isFalse();
        assertThat(ordersOf(sale)).as("Centra did create it").hasSize(1);
        assertThat(saleOrderState(sale)).isEqualTo("creating");
        assertThat(lineState(sale, 1)).isEqualTo("ordering");

        backOffOver();
        assertThat(writer.cycle("berlin")).as("the call could still be under way: wait").isFalse();
        assertThat(saleOrderState(sale)).isEqualTo("creating");

        // the call's time has passed (the record is made older rather than the test sleeping)
        jdbc.sql("update connector_sale_order set sent_at_ms = sent_at_ms - 600000 where transaction_id = ?").param(sale).update();
        drain("berlin");

        assertThat(ordersOf(sale)).as("found again, not sent again").hasSize(1);
        assertThat(ordersOf(sale).getFirst().get("orderStatus").asString()).isEqualTo("4");
        assertThat(saleOrderState(sale)).isEqualTo("done");
        assertThat(lineState(sale, 1)).isEqualTo("applied");
        assertThat(stockRow(coat).get("physicalStock").asInt()).isEqualTo(7);
    }

    @Test
    void anOrderThatNeverReachedCentraIsSentAgain() {
        Item coat = item(1024);
        CENTRA.setPhysical("berlin", coat.ean(), 10);
        String sale = sellInBerlin(line(coat, 1));
        CENTRA.fault("{\"kind\": \"reset\", \"instance\": \"store-berlin\"}"); // every call fails before it reaches Centra
        try {
            assertThat(writer.cycle("berlin")).isFalse();
        } finally {
            CENTRA.calm();
        }
        assertThat(ordersOf(sale)).isEmpty();
        assertThat(saleOrderState(sale)).isEqualTo("creating");

        jdbc.sql("update connector_sale_order set sent_at_ms = sent_at_ms - 600000 where transaction_id = ?").param(sale).update();
        backOffOver();
        drain("berlin");

        assertThat(ordersOf(sale)).hasSize(1);
        assertThat(lineState(sale, 1)).isEqualTo("applied");
        assertThat(stockRow(coat).get("physicalStock").asInt()).isEqualTo(9);
    }

    @Test
    void aShipmentWhoseAnswerWasLostIsNotCreatedTwice() {
        Item coat = item(1025);
        CENTRA.setPhysical("berlin", coat.ean(), 10);
        CENTRA.fault("{\"kind\": \"lost-answer\", \"instance\": \"store-berlin\", \"method\": \"POST\", \"path\": \"/api/*/shipments\","
                + " \"count\": 1}");
        String sale = sellInBerlin(line(coat, 2));

        assertThat(writer.cycle("berlin")).isFalse();
        assertThat(saleOrderState(sale)).isEqualTo("created");
        backOffOver();
        drain("berlin");

        JsonNode order = ordersOf(sale).getFirst();
        assertThat(order.get("shipments")).hasSize(1);
        assertThat(order.get("orderStatus").asString()).isEqualTo("4");
        assertThat(saleOrderState(sale)).isEqualTo("done");
        assertThat(stockRow(coat).get("physicalStock").asInt()).isEqualTo(8);
    }

    @Test
    void withoutFreeStockTheSaleGoesThroughPostStockAndReturnsAndUnknownItemsToo() {
        Item held = item(1026);
        CENTRA.setStock(held.stockItemId(), 4, 5, 5); // all five held by web orders
        String sale = sellInBerlin(line(held, 1), new Line("NO-SUCH-ITEM", null, 1));

        drain("berlin");

        assertThat(ordersOf(sale)).isEmpty();
        assertThat(jdbc.sql("select detail from connector_sale_order where transaction_id = ?").param(sale)
                .query(String.class).single()).contains("code -2");
        assertThat(lineState(sale, 1)).as("applied by POST stock").isEqualTo("applied");
        assertThat(lineState(sale, 2)).isEqualTo("dead");
        assertThat(stockRow(held).get("physicalStock").asInt()).as("clamped at allocated").isEqualTo(5);
        JsonNode clamp = admin("GET", "/api/admin/stock/discrepancies?store=berlin", null).json().get("discrepancies").get(0);
        assertThat(clamp.get("kind").asString()).isEqualTo("clamped");

        CENTRA.setStock(held.stockItemId(), 4, 5, 0);
        String back = sellInBerlin(line(held, -2));
        drain("berlin");
        assertThat(ordersOf(back)).as("a return is no order").isEmpty();
        assertThat(lineState(back, 1)).isEqualTo("applied");
        assertThat(stockRow(held).get("physicalStock").asInt()).isEqualTo(7);
        JsonNode status = admin("GET", "/api/admin/stock", null).json();
        assertThat(status.toString()).contains("\"salesAs\":\"orders\"");
    }
}
