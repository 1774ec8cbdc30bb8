package dev.kassa.connector.stock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kassa.common.testing.Http;
import dev.kassa.connector.StockTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The metrics the head office watches, in Prometheus' format, behind the admin token. Stock item 1015. */
class StockMetricsTest extends StockTest {

    @Test
    void intakeBacklogWritesClampsAndDeadLettersAreExposed() {
        Item trousers = item(1015);
        CENTRA.setStock(trousers.stockItemId(), 2, 5, 3);
        sell(now(), line(trousers, 4), new Line("NO-SUCH-ITEM-2", null, 1));
        String before = metrics();
        assertThat(value(before, "kassa_stock_backlog")).isGreaterThanOrEqualTo(2);
        assertThat(value(before, "kassa_stock_oldest_pending_seconds")).isGreaterThanOrEqualTo(0);

        drain("stockholm");

        String after = metrics();
        assertThat(value(after, "kassa_pos_transactions_received_total{store=\"stockholm\"}")).isGreaterThanOrEqualTo(1);
        assertThat(value(after, "kassa_stock_writes_total{store=\"stockholm\"}")).isGreaterThanOrEqualTo(1);
        assertThat(value(after, "kassa_stock_discrepancies_total{kind=\"clamped\",store=\"stockholm\"}")).isGreaterThanOrEqualTo(1);
        assertThat(value(after, "kassa_stock_dead_letters")).isGreaterThanOrEqualTo(1);
        assertThat(after).contains("kassa_centra_calls_total{method=\"POST\",path=\"stock\",status=\"200\"}",
                "kassa_stock_drift_units{store=\"goteborg\"}", "kassa_stock_store_backlog{store=\"stockholm\"}");
        assertThat(Http.send("GET", base() + "/actuator/prometheus", Map.of(), null).status()).isEqualTo(401);
        assertThat(Http.send("GET", base() + "/actuator/health", Map.of(), null).status()).as("health stays open").isEqualTo(200);
        CENTRA.setStock(trousers.stockItemId(), 2, 5, 0);
    }

    private String metrics() {
        Http.Response r = Http.send("GET", base() + "/actuator/prometheus", Map.of("Authorization", "Bearer " + ADMIN), null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.body();
    }

    private static double value(String metrics, String name) {
        for (String line : metrics.split("\n")) {
            if (line.startsWith(name + " ") || line.startsWith(name + "{") && !name.contains("{")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        throw new AssertionError("no metric " + name + " in:\n" + metrics);
    }
}
