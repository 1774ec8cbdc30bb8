package dev.kassa.centara.sandbox.till;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kassa.centara.sandbox.CentaraTest;
import dev.kassa.common.testing.Http;
import dev.kassa.common.testing.HttpReceiver;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;



/** Selling and counting at the till, and the push of every POS transaction to a real receiver. */
class TillTest extends CentaraTest {

    private HttpReceiver receiver;

    @BeforeEach
    void setUp() {
        receiver = new HttpReceiver();
        putState(SAMPLE_REGISTRY.formatted(", \"transactionTarget\": {\"url\": \"" + receiver.url("/api/pos/transactions")
                + "\", \"headers\": {\"X-Source\": \"centara\"}}").replace(
                "{\"id\": 2, \"name\": \"Stockholm\", \"timeZone\": \"Europe/Stockholm\"}",
                "{\"id\": 2, \"name\": \"Stockholm\", \"timeZone\": \"Europe/Stockholm\", \"transactionHeaders\": {\"Authorization\": \"Bearer pos-2\"}}"));
    }

    @AfterEach
    void tearDown() {
        receiver.close();
    }

    private JsonNode sell(int store, String lines) {
        Http.Response r = admin("POST", "/sandbox/stores/" + store + "/sales", "{\"lines\": " + lines + ", \"tender\": 10}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    private List<String> receivedIds() {
        return receiver.calls.stream().map(c -> Http.JSON.readTree(c.body()).get("TransactionId").asString()).toList();
    }

    @Test
    void aSaleAndAReturnAndACountBecomeNumberedTransactionsThatArePushed() {
        JsonNode sale = sell(2, "[{\"barcode\": \"5690000000017\", \"quantity\": 2, \"price\": 70},"
                + " {\"itemId\": \"12278428\", \"quantity\": 1, \"price\": \"4000\"}]");
        assertThat(sale.get("TransactionId").asString()).isEqualTo("2.1.1.1");
        assertThat(sale.get("Type").asString()).isEqualTo("Sale");
        assertThat(sale.get("Lines").get(0).get("ItemId").asString()).isEqualTo("12269319");
        assertThat(sale.get("Total").decimalValue()).isEqualByComparingTo("4140");
        JsonNode refund = sell(2, "[{\"itemId\": \"12269319\", \"quantity\": -1, \"price\": 70}]");
        assertThat(refund.get("TransactionId").asString()).isEqualTo("2.1.1.2");
        assertThat(refund.get("Total").decimalValue()).isEqualByComparingTo("-70");
        Http.Response count = admin("POST", "/sandbox/stores/2/counts",
                "{\"pos\": 3, \"lines\": [{\"itemId\": \"12269319\", \"quantity\": 40}]}");
        assertThat(count.status()).as(count.body()).isEqualTo(201);
        assertThat(count.json().get("TransactionId").asString()).isEqualTo("2.3.1.1");
        assertThat(count.json().get("Type").asString()).isEqualTo("Count");

        await().until(() -> receiver.calls.size() == 3);
        assertThat(receivedIds()).containsExactly("2.1.1.1", "2.1.1.2", "2.3.1.1");
        HttpReceiver.Call first = receiver.calls.getFirst();
        assertThat(first.header("Authorization")).as("the store's own header").isEqualTo("Bearer pos-2");
        assertThat(first.header("X-Source")).isEqualTo("centara");
        assertThat(Http.JSON.readTree(first.body())).isEqualTo(sale);
        await().until(() -> admin("GET", "/sandbox/transactions", null).json().get("transactions")
                .findValues("pushState").stream().allMatch(s -> s.asString().equals("delivered")));
    }

    @Test
    void aNewLocalDayOpensTheNextZ() {
        assertThat(sell(1, "[{\"itemId\": \"12269319\", \"quantity\": 1, \"price\": 70}]").get("TransactionId").asString())
                .isEqualTo("1.1.1.1");
        admin("POST", "/sandbox/clock/advance", "{\"seconds\": 86400}");
        assertThat(sell(1, "[{\"itemId\": \"12269319\", \"quantity\": 1, \"price\": 70}]").get("TransactionId").asString())
                .isEqualTo("1.1.2.1");
    }

    @Test
    void badSalesAreRefusedFieldByFieldAndRecordNothing() {
        Http.Response r = admin("POST", "/sandbox/stores/1/sales", """
                {"pos": 0, "tender": 77, "lines": [{"itemId": "nope", "quantity": 1, "price": 1},
                  {"barcode": "000", "quantity": 1, "price": 1}, {"itemId": "12269319", "quantity": 0, "price": -1},
                  {"quantity": 1, "price": 1}, {"itemId": "12269319", "barcode": "5690000000024", "quantity": 1, "price": 1}]}""");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("errors").findValues("field").stream().map(JsonNode::asString)).containsExactlyInAnyOrder(
                "pos", "tender", "lines[0].itemId", "lines[1].barcode", "lines[2].quantity", "lines[2].price", "lines[3]",
                "lines[4].barcode");
        assertThat(admin("POST", "/sandbox/stores/1/sales", "{\"tender\": 10, \"lines\": []}").status()).isEqualTo(400);
        assertThat(admin("POST", "/sandbox/stores/1/sales", "{\"lines\": [{\"itemId\": \"12269319\", \"quantity\": 1, \"price\": 1}]}")
                .json().get("errors").get(0).get("field").asString()).isEqualTo("tender");
        assertThat(admin("POST", "/sandbox/stores/9/sales", "{\"tender\": 10, \"lines\": [{\"itemId\": \"12269319\", \"quantity\": 1, \"price\": 1}]}")
                .json().get("errors").get(0).get("field").asString()).isEqualTo("storeId");
        assertThat(admin("POST", "/sandbox/stores/1/counts", "{\"lines\": [{\"itemId\": \"12269319\", \"quantity\": -1}]}")
                .status()).isEqualTo(400);
        assertThat(admin("POST", "/sandbox/stores/1/sales", "{\"tender\": 10, \"lines\": [{\"sku\": \"x\"}]}").status())
                .as("unknown field").isEqualTo(400);
        assertThat(state().get("activity").get("transactions")).isEmpty();
    }

    @Test
    void aReceiverThatIsDownGetsEveryTransactionOnceItIsBack() {
        int port = receiver.port();
        receiver.close();
        sell(1, "[{\"itemId\": \"12269319\", \"quantity\": 1, \"price\": 70}]");
        sell(1, "[{\"itemId\": \"12269319\", \"quantity\": 2, \"price\": 70}]");
        await().until(() -> admin("GET", "/sandbox/transactions", null).json().get("transactions").get(0)
                .path("lastPushError").asString("").contains("ConnectException"));
        receiver = new HttpReceiver(port);
        admin("POST", "/sandbox/clock/advance", "{\"seconds\": 120}");
        await().until(() -> receiver.calls.size() >= 2);
        assertThat(receivedIds()).containsExactly("1.1.1.1", "1.1.1.2");
    }

    @Test
    void pushWaitsForTheReceiverInOrderPerStoreWithoutDuplicates() {
        receiver.status.set(503);
        for (int i = 0; i < 3; i++) {
            sell(1, "[{\"itemId\": \"12269319\", \"quantity\": 1, \"price\": 70}]");
            sell(2, "[{\"itemId\": \"12269319\", \"quantity\": 1, \"price\": 70}]");
        }
        await().until(() -> receiver.calls.size() >= 2);
        assertThat(receivedIds()).as("only the oldest of each store is tried while it fails")
                .containsOnly("1.1.1.1", "2.1.1.1");
        JsonNode log = admin("GET", "/sandbox/transactions?store=1", null).json().get("transactions");
        assertThat(log.get(0).get("pushState").asString()).isEqualTo("pending");
        assertThat(log.get(0).get("lastPushError").asString()).isEqualTo("HTTP 503");

        receiver.status.set(200);
        receiver.calls.clear();
        admin("POST", "/sandbox/clock/advance", "{\"seconds\": 120}");
        await().until(() -> receiver.calls.size() >= 6);
        List<String> ids = receivedIds();
        assertThat(ids).doesNotHaveDuplicates().hasSize(6);
        assertThat(ids.stream().filter(id -> id.startsWith("1.")).toList()).containsExactly("1.1.1.1", "1.1.1.2", "1.1.1.3");
        assertThat(ids.stream().filter(id -> id.startsWith("2.")).toList()).containsExactly("2.1.1.1", "2.1.1.2", "2.1.1.3");
    }

    @Test
    void aTransactionTheReceiverRefusesForGoodNoLongerHoldsBackTheNextOnes() {
        // a barcode typed into the quantity field: the receiver answers 400; a 503 after it is retried as before
        receiver.script.add(new HttpReceiver.Answer(400, "{\"errors\": [{\"field\": \"Lines[0].Quantity\"}]}", java.util.Map.of()));
        receiver.script.add(new HttpReceiver.Answer(503, "", java.util.Map.of()));
        sell(1, "[{\"itemId\": \"12269319\", \"quantity\": 6438152004017, \"price\": 70}]");
        sell(1, "[{\"itemId\": \"12269319\", \"quantity\": 1, \"price\": 70}]");
        await().until(() -> receiver.calls.size() >= 2);
        JsonNode log = admin("GET", "/sandbox/transactions?store=1", null).json().get("transactions");
        JsonNode refused = java.util.stream.StreamSupport.stream(log.spliterator(), false)
                .filter(t -> t.get("transaction").get("TransactionId").asString().equals("1.1.1.1")).findFirst().orElseThrow();
        assertThat(refused.get("pushState").asString()).isEqualTo("refused");
        assertThat(refused.get("lastPushError").asString()).contains("HTTP 400").contains("Lines[0].Quantity");
        admin("POST", "/sandbox/clock/advance", "{\"seconds\": 120}");
        await().until(() -> receiver.calls.size() >= 3);
        assertThat(receivedIds()).as("the refused one is not sent again; the next one is retried after the 503")
                .containsExactly("1.1.1.1", "1.1.1.2", "1.1.1.2");
    }
}
