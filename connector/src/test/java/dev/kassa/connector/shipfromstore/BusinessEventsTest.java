package dev.kassa.connector.shipfromstore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kassa.common.testing.Http;
import dev.kassa.connector.ShipFromStoreTest;
import dev.kassa.connector.StockTest;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Each business event is logged once, at INFO, with its ids: an offer's moves, a dead letter. */
@ExtendWith(OutputCaptureExtension.class)
class BusinessEventsTest extends ShipFromStoreTest {

    @Autowired
    private LoggingSystem logging;

    @BeforeEach
    void eventsAtInfo() {
        logging.setLogLevel("dev.kassa.connector.events", LogLevel.INFO);
    }

    @AfterEach
    void quietAgain() {
        logging.setLogLevel("dev.kassa.connector.events", null);
    }

    private static int count(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }

    @Test
    void anOffersMovesAndADeadLetterAreEachLoggedOnceWithTheirIds(CapturedOutput output) {
        long order = placeWebOrder(StockTest.item(1012).ean(), 1, 3);
        receive(order, "create");
        long id = offerOf(GOTEBORG_KEY, "goteborg", order).get("id").asLong();
        assertThat(storeCall(GOTEBORG_KEY, "/api/stores/goteborg/offers/" + id + "/accept", "{\"by\": \"anna\"}").status()).isEqualTo(200);
        worker.workAll();
        receive(order, "create"); // Centra repeats itself: nothing new happens, nothing new is logged
        String prefix = "offer " + id + " (order " + order + ", store goteborg): ";
        String all = output.getAll();
        assertThat(count(all, prefix + "new -> offered")).as(all).isEqualTo(1);
        assertThat(count(all, prefix + "offered -> accepting by staff:goteborg:anna")).isEqualTo(1);
        assertThat(count(all, prefix + "accepting -> accepted")).isEqualTo(1);
        assertThat(count(all, prefix + "accepted -> in_till")).isEqualTo(1);
        assertThat(all).contains(" INFO ", "dev.kassa.connector.events");

        String tx = "events-" + clock.millis();
        Http.Response sale = Http.send("POST", base() + "/api/pos/transactions", Map.of("Authorization", "Bearer " + GOTEBORG_KEY), """
                {"TransactionId": "%s", "Type": "Sale", "StoreId": 2, "Pos": 1, "ZNumber": 1, "ReceiptNumber": 1, "Timestamp": "%s",
                 "Lines": [{"LineNumber": 1, "ItemId": "%s", "Quantity": 0.5}]}""".formatted(tx,
                Instant.ofEpochMilli(clock.millis()).toString(), StockTest.item(1012).itemId()));
        assertThat(sale.status()).as(sale.body()).isEqualTo(200);
        assertThat(count(output.getAll(), "dead letter: store goteborg, transaction " + tx + " line 1 (item "
                + StockTest.item(1012).itemId() + ")")).isEqualTo(1);
        jdbc.sql("update connector_pos_line set state = 'discarded' where transaction_id = ?").param(tx).update();
    }

    @Test
    void shipFromStoreMetricsCountOffersByStateAndTimeEachStep() {
        long order = placeWebOrder(StockTest.item(1012).ean(), 1, 3);
        receive(order, "create");
        long id = offerOf(GOTEBORG_KEY, "goteborg", order).get("id").asLong();
        advance(java.time.Duration.ofSeconds(90)); // the store takes a minute and a half to decide
        assertThat(storeCall(GOTEBORG_KEY, "/api/stores/goteborg/offers/" + id + "/accept", "{}").status()).isEqualTo(200);
        worker.workAll();
        advance(java.time.Duration.ofSeconds(6)); // the gauges read the database at most every 5 s
        String metrics = Http.send("GET", base() + "/actuator/prometheus", Map.of("Authorization", "Bearer connector-admin-token"), null)
                .body();
        assertThat(value(metrics, "kassa_offers{state=\"in_till\"}")).isGreaterThanOrEqualTo(1);
        assertThat(value(metrics, "kassa_offer_decide_seconds_count{decision=\"accept\"}")).isGreaterThanOrEqualTo(1);
        assertThat(value(metrics, "kassa_offer_decide_seconds_max{decision=\"accept\"}")).as("the minute and a half").isGreaterThanOrEqualTo(90);
        assertThat(value(metrics, "kassa_offer_to_till_seconds_count")).isGreaterThanOrEqualTo(1);
    }

    private static double value(String prometheus, String series) {
        return prometheus.lines().filter(l -> l.startsWith(series + " ")).mapToDouble(l -> Double.parseDouble(l.substring(series.length() + 1)))
                .findFirst().orElseThrow(() -> new AssertionError("no " + series + " in\n" + prometheus.lines()
                        .filter(l -> l.startsWith("kassa_offer")).collect(java.util.stream.Collectors.joining("\n"))));
    }
}
