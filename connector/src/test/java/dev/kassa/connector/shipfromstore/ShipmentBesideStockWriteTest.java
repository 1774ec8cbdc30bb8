package dev.kassa.connector.shipfromstore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kassa.common.testing.Http;
import dev.kassa.connector.ShipFromStoreTest;
import dev.kassa.connector.StockTest;
import dev.kassa.connector.catalogue.CatalogueSync;
import dev.kassa.connector.stock.StockWriter;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The connector's own shipments and its stock writes for the same shop (issue 15 §4). The stock writer reads
 * a shop's physical stock, then sets {@code physical − sold}: a shipment completed between the two (which
 * lowers physical) would be undone by the write. The shipment is made under the shop's stock lock, so it
 * waits for the write; and a stock count rung up before a shipment is applied less what was shipped since.
 */
class ShipmentBesideStockWriteTest extends ShipFromStoreTest {

    @Autowired
    StockWriter writer;
    @Autowired
    CatalogueSync catalogue;

    private final ExecutorService pool = Executors.newSingleThreadExecutor();

    @BeforeEach
    void catalogueKnown() {
        if (jdbc.sql("select count(*) from connector_catalogue_item").query(Integer.class).single() == 0) {
            assertThat(catalogue.sync("se", false).ran()).isTrue();
        }
    }

    @AfterEach
    void stop() {
        CENTRA_CALLS.release();
        pool.shutdown(); // never interrupt a cycle: H2 closes its file when a thread is interrupted mid-write
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.ofHours(1)).withNano(0);
    }

    private void pos(String type, OffsetDateTime at, StockTest.Item item, int quantity) {
        Http.Response r = Http.send("POST", base() + "/api/pos/transactions", Map.of("Authorization", "Bearer " + GOTEBORG_KEY),
                StockTest.transaction(StockTest.newId(2), 2, type, at, List.of(StockTest.line(item, quantity))));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    /** A web order of one {@code item} accepted by Göteborg and in its till; the offer's id. */
    private long inTill(StockTest.Item item) {
        long order = placeWebOrder(item.ean(), 1, 3);
        receive(order, "create");
        long id = offerOf(GOTEBORG_KEY, "goteborg", order).get("id").asLong();
        assertThat(storeCall(GOTEBORG_KEY, "/api/stores/goteborg/offers/" + id + "/accept", "{}").status()).isEqualTo(200);
        worker.workAll();
        assertThat(offerOf(GOTEBORG_KEY, "goteborg", order).get("state").asString()).isEqualTo("in_till");
        return id;
    }

    private String state(long offer) {
        return Http.send("GET", base() + "/api/stores/goteborg/offers/" + offer, Map.of("Authorization", "Bearer " + GOTEBORG_KEY),
                null).json().get("state").asString();
    }

    @Test
    void aShipmentNeverFallsBetweenTheWritersReadAndItsWrite() throws Exception {
        StockTest.Item item = StockTest.item(1005);
        CENTRA.setPhysical("goteborg", item.ean(), 10);
        long offer = inTill(item); // Centra: physical 10, of which 1 allocated to the web order
        pos("Sale", now(), item, 2);

        // the writer has read 10 and its POST stock (10 − 2 = 8) is on its way when the shop ships the web order
        CountDownLatch held = CENTRA_CALLS.holdAfter("POST", "/stock", 0);
        Future<Boolean> cycle = pool.submit(() -> writer.cycle("goteborg"));
        assertThat(held.await(30, TimeUnit.SECONDS)).as("the writer's POST stock is held").isTrue();
        assertThat(storeCall(GOTEBORG_KEY, "/api/stores/goteborg/offers/" + offer + "/shipped",
                "{\"carrier\": \"PostNord\", \"tracking\": \"PN1\"}").status()).isEqualTo(200);
        worker.workAll();
        assertThat(state(offer)).as("the shipment waits for the store's stock cycle").isEqualTo("shipping");

        CENTRA_CALLS.release();
        assertThat(cycle.get(30, TimeUnit.SECONDS)).isTrue();
        advance(Duration.ofSeconds(2));
        worker.workAll();

        assertThat(state(offer)).isEqualTo("shipped");
        assertThat(CENTRA.physical("goteborg", item.ean())).as("10 − 2 sold at the till − 1 shipped: nothing undone").isEqualTo(7);
    }

    @Test
    void aCountRungUpBeforeAShipmentIsAppliedLessWhatWasShipped() {
        StockTest.Item item = StockTest.item(1006);
        CENTRA.setPhysical("goteborg", item.ean(), 10);
        long offer = inTill(item);
        pos("Count", now().minusMinutes(1), item, 6); // counted before the parcel left; not yet written

        assertThat(storeCall(GOTEBORG_KEY, "/api/stores/goteborg/offers/" + offer + "/shipped",
                "{\"carrier\": \"PostNord\", \"tracking\": \"PN2\"}").status()).isEqualTo(200);
        worker.workAll();
        assertThat(state(offer)).isEqualTo("shipped");
        assertThat(CENTRA.physical("goteborg", item.ean())).isEqualTo(9);

        while (writer.cycle("goteborg")) {
            // drain
        }
        assertThat(CENTRA.physical("goteborg", item.ean())).as("the count of 6, less the item shipped after it").isEqualTo(5);
        assertThat(Http.send("POST", base() + "/api/admin/stock/reconcile?store=goteborg", Map.of("Authorization", "Bearer " + ADMIN),
                null).json().toString()).as("no drift").doesNotContain(item.itemId());
    }
}
