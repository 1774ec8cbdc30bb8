package dev.kassa.connector.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kassa.centara.sandbox.CentaraSandboxApplication;
import dev.kassa.common.testing.Http;
import dev.kassa.common.testing.TestDatabase;
import dev.kassa.connector.ConnectorTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The Centara sandbox's till pushes real sales to the connector over HTTP, each store with its own key. Till 7
 * keeps its transaction ids apart from the ones PosIntakeTest posts into the same connector database.
 */
class TillPushEndToEndTest extends ConnectorTest {

    @Autowired
    private JdbcClient jdbc;

    @Test
    void salesAtTwoTillsArriveAsTheirStoresTransactions() {
        List<String> args = new ArrayList<>(List.of(TestDatabase.fresh().asArgs()));
        args.addAll(List.of("--server.port=0", "--kassa.sandbox.admin-token=t", "--kassa.sandbox.seed=empty",
                "--kassa.sandbox.push.poll-millis=50", "--logging.level.root=WARN"));
        try (ConfigurableApplicationContext centara = new SpringApplicationBuilder(CentaraSandboxApplication.class)
                .run(args.toArray(String[]::new))) {
            String till = "http://127.0.0.1:" + centara.getEnvironment().getProperty("local.server.port");
            Map<String, String> admin = Map.of("Authorization", "Bearer t");
            assertThat(Http.send("PUT", till + "/sandbox/state", admin, """
                    {"stores": [{"id": 1, "name": "Stockholm", "timeZone": "Europe/Stockholm",
                                 "transactionHeaders": {"Authorization": "Bearer %s"}},
                                {"id": 2, "name": "Göteborg", "timeZone": "Europe/Stockholm",
                                 "transactionHeaders": {"Authorization": "Bearer %s"}}],
                     "items": [{"ItemId": "LS100-WH-S", "Description": "Linen Shirt White S", "Barcodes": ["7350000010015"]}],
                     "tenders": [{"TenderCode": 2, "Name": "Card"}],
                     "transactionTarget": {"url": "%s/api/pos/transactions"}}"""
                    .formatted(STOCKHOLM_KEY, GOTEBORG_KEY, base())).status()).isEqualTo(200);
            String sale = "{\"pos\": 7, \"tender\": 2, \"lines\": [{\"barcode\": \"7350000010015\", \"quantity\": %d, \"price\": 599}]}";
            assertThat(Http.send("POST", till + "/sandbox/stores/1/sales", admin, sale.formatted(2)).status()).isEqualTo(201);
            assertThat(Http.send("POST", till + "/sandbox/stores/1/sales", admin, sale.formatted(-1)).status()).isEqualTo(201);
            assertThat(Http.send("POST", till + "/sandbox/stores/2/sales", admin, sale.formatted(1)).status()).isEqualTo(201);

            await().until(() -> jdbc.sql("select count(*) from connector_pos_transaction where transaction_id in"
                    + " ('1.7.1.1', '1.7.1.2', '2.7.1.1')").query(Integer.class).single() == 3);
            assertThat(jdbc.sql("select store_id from connector_pos_transaction where transaction_id = '2.7.1.1'")
                    .query(String.class).single()).isEqualTo("goteborg");
            assertThat(jdbc.sql("select quantity from connector_pos_line where transaction_id = '1.7.1.2'")
                    .query(java.math.BigDecimal.class).single()).as("the return").isEqualByComparingTo("-1");
            await().until(() -> Http.send("GET", till + "/sandbox/transactions", admin, null).json().get("transactions")
                    .findValues("pushState").stream().allMatch(s -> s.asString().equals("delivered")));

            // a barcode typed into the quantity field: refused for good, and the till's next sale still arrives
            assertThat(Http.send("POST", till + "/sandbox/stores/1/sales", admin, sale.formatted(6438152004017L)).status()).isEqualTo(201);
            assertThat(Http.send("POST", till + "/sandbox/stores/1/sales", admin, sale.formatted(1)).status()).isEqualTo(201);
            await().until(() -> jdbc.sql("select count(*) from connector_pos_transaction where transaction_id = '1.7.1.4'")
                    .query(Integer.class).single() == 1);
            assertThat(jdbc.sql("select count(*) from connector_pos_transaction where transaction_id = '1.7.1.3'")
                    .query(Integer.class).single()).isZero();
            var refused = Http.send("GET", till + "/sandbox/transactions?store=1", admin, null).json().get("transactions").get(2);
            assertThat(refused.get("transaction").get("TransactionId").asString()).isEqualTo("1.7.1.3");
            assertThat(refused.get("pushState").asString()).isEqualTo("refused");
            assertThat(refused.get("lastPushError").asString()).contains("HTTP 400").contains("Lines[0].Quantity");
        }
    }
}
