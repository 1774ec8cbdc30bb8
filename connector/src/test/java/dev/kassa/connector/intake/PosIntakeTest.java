package dev.kassa.connector.intake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kassa.common.testing.Http;
import dev.kassa.connector.ConnectorTest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** POST /api/pos/transactions: authenticated per store, checked, stored once per TransactionId. */
class PosIntakeTest extends ConnectorTest {

    @Autowired
    private JdbcClient jdbc;

    private static String sale(String id, int store, int quantity) {
        return """
                {"TransactionId": "%s", "Type": "Sale", "StoreId": %d, "Pos": 1, "ZNumber": 1, "ReceiptNumber": 1,
                 "Timestamp": "2026-11-22T14:05:09+01:00",
                 "Lines": [{"LineNumber": 1, "ItemId": "LS100-WH-S", "Barcode": "7350000010015", "Quantity": %d,
                            "UnitPrice": 599, "Amount": %d}],
                 "Payments": [{"TenderCode": 2, "Amount": %d}], "Total": %d}"""
                .formatted(id, store, quantity, quantity * 599, quantity * 599, quantity * 599);
    }

    private int stored(String id) {
        return jdbc.sql("select count(*) from connector_pos_transaction where transaction_id = ?").param(id)
                .query(Integer.class).single();
    }

    @Test
    void aTransactionIsStoredOnceAndItsRepeatIsADuplicate() {
        Http.Response first = post(STOCKHOLM_KEY, sale("1.1.1.1", 1, 2));
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.json().get("result").asString()).isEqualTo("accepted");
        Http.Response again = post(STOCKHOLM_KEY, sale("1.1.1.1", 1, 2));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("result").asString()).isEqualTo("duplicate");
        assertThat(stored("1.1.1.1")).isEqualTo(1);
        assertThat(jdbc.sql("select quantity from connector_pos_line where transaction_id = '1.1.1.1'")
                .query(java.math.BigDecimal.class).single()).isEqualByComparingTo("2");

        Http.Response changed = post(STOCKHOLM_KEY, sale("1.1.1.1", 1, 3));
        assertThat(changed.status()).isEqualTo(409);
        assertThat(jdbc.sql("select quantity from connector_pos_line where transaction_id = '1.1.1.1'")
                .query(java.math.BigDecimal.class).single()).as("unchanged").isEqualByComparingTo("2");
    }

    @Test
    void onlyAStoresOwnKeyMayDeliverItsTransactions() {
        assertThat(post(null, sale("1.1.1.9", 1, 1)).status()).isEqualTo(401);
        Http.Response unknown = post("pos-key-someone-else-0003", sale("1.1.1.9", 1, 1));
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"pos\"");
        assertThat(unknown.header("Content-Type")).startsWith("application/problem+json");
        assertThat(unknown.body()).contains("\"status\":401", "a store's POS key is needed", "\"instance\":\"/api/pos/transactions\"")
                .doesNotContain("pos-key-someone-else");
        Http.Response admin = Http.send("GET", base() + "/api/admin/stock", Map.of("Authorization", "Bearer " + STOCKHOLM_KEY), null);
        assertThat(admin.status()).as("a POS key is no admin token").isEqualTo(401);
        assertThat(admin.body()).contains("the admin token in the Authorization header is not valid");
        Http.Response other = post(GOTEBORG_KEY, sale("1.1.1.9", 1, 1));
        assertThat(other.status()).isEqualTo(403);
        assertThat(other.body()).contains("goteborg");
        assertThat(stored("1.1.1.9")).isZero();
        assertThat(post(GOTEBORG_KEY, sale("2.1.1.9", 2, 1)).status()).isEqualTo(200);
    }

    @Test
    void badTransactionsListEveryProblemAndStoreNothing() {
        Http.Response r = post(STOCKHOLM_KEY, """
                {"TransactionId": "", "Type": "Refund", "StoreId": "1", "Timestamp": "yesterday",
                 "Lines": [{"LineNumber": 0, "Quantity": "2"}, {"LineNumber": 2, "ItemId": "X", "Quantity": 1},
                           {"LineNumber": 2, "ItemId": "Y", "Quantity": 1}]}""");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("errors").findValues("field").stream().map(JsonNode::asString)).containsExactlyInAnyOrder(
                "TransactionId", "Type", "StoreId", "Timestamp", "Lines[0].LineNumber", "Lines[0].ItemId",
                "Lines[0].Quantity", "Lines[2].LineNumber");
        assertThat(post(STOCKHOLM_KEY, sale("1.1.1.5", 1, 0)).json().get("errors").get(0).get("field").asString())
                .isEqualTo("Lines[0].Quantity");
        assertThat(post(STOCKHOLM_KEY, """
                {"TransactionId": "1.1.1.6", "Type": "Count", "StoreId": 1, "Timestamp": "2026-11-22T14:05:09Z",
                 "Lines": [{"LineNumber": 1, "ItemId": "X", "Quantity": -1}]}""").status()).isEqualTo(400);
        assertThat(post(STOCKHOLM_KEY, "{\"TransactionId\": ").status()).isEqualTo(400);
        assertThat(post(STOCKHOLM_KEY, "[]").status()).isEqualTo(400);
        assertThat(jdbc.sql("select count(*) from connector_pos_transaction where store_id = 'stockholm' and transaction_id like '1.1.1.%'"
                + " and transaction_id <> '1.1.1.1'").query(Integer.class).single()).isZero();
    }

    @Test
    void concurrentDeliveriesOfOneTransactionStoreItOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 10; round++) {
                String id = "1.2.1." + round;
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Http.Response>> answers = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    answers.add(pool.submit(() -> {
                        go.await();
                        return post(STOCKHOLM_KEY, sale(id, 1, 1));
                    }));
                }
                go.countDown();
                int accepted = 0;
                for (Future<Http.Response> f : answers) {
                    Http.Response r = f.get();
                    assertThat(r.status()).as(r.body()).isEqualTo(200);
                    accepted += r.json().get("result").asString().equals("accepted") ? 1 : 0;
                }
                assertThat(accepted).as("round " + round).isEqualTo(1);
                assertThat(stored(id)).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
