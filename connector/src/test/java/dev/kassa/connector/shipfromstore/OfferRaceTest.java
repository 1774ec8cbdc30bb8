package dev.kassa.connector.shipfromstore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kassa.common.testing.Http;
import dev.kassa.connector.ShipFromStoreTest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Stockholm and Göteborg accept one web order at the same moment: one wins, the other ends lost, every
 * time. (The loser's accept may even be answered 409 "lost" when Centra's events of the winner came first.)
 */
class OfferRaceTest extends ShipFromStoreTest {

    private static final String EAN = "7350000010022"; // Linen Shirt White M

    @Test
    void twoStoresAcceptingOneOrderAtOnceOneWinsAndTheOtherIsLost100Times() throws Exception {
        CENTRA.setPhysical("stockholm", EAN, 500);
        CENTRA.setPhysical("goteborg", EAN, 500);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        int stockholmWon = 0;
        try {
            for (int round = 0; round < 100; round++) {
                long order = placeWebOrder(EAN, 1, 2, 3);
                receive(order, "create");
                long s = offerOf(STOCKHOLM_KEY, "stockholm", order).get("id").asLong();
                long g = offerOf(GOTEBORG_KEY, "goteborg", order).get("id").asLong();
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Http.Response>> calls = new ArrayList<>();
                for (Object[] who : new Object[][]{{STOCKHOLM_KEY, "stockholm", s}, {GOTEBORG_KEY, "goteborg", g}}) {
                    calls.add(pool.submit(() -> {
                        go.await();
                        Http.Response r = storeCall((String) who[0], "/api/stores/" + who[1] + "/offers/" + who[2] + "/accept", "{}");
                        worker.work((Long) who[2]);
                        return r;
                    }));
                }
                go.countDown();
                int taken = 0;
                for (Future<Http.Response> f : calls) {
                    Http.Response r = f.get();
                    if (r.status() == 200) {
                        taken++;
                    } else {
                        // the other store won so fast that Centra's events had already ended this offer
                        assertThat(r.status()).as("round %d: %s", round, r.body()).isEqualTo(409);
                        assertThat(r.body()).contains("is lost");
                    }
                }
                assertThat(taken).as("round %d: at least the winner's decision was taken", round).isPositive();
                worker.workAll();
                processor.processAll();
                String sState = offerOf(STOCKHOLM_KEY, "stockholm", order).get("state").asString();
                String gState = offerOf(GOTEBORG_KEY, "goteborg", order).get("state").asString();
                assertThat(List.of(sState, gState)).as("round %d", round).containsExactlyInAnyOrder("in_till", "lost");
                if (sState.equals("in_till")) {
                    stockholmWon++;
                }
            }
        } finally {
            pool.shutdownNow();
        }
        System.out.printf("race: Stockholm won %d of 100, Göteborg %d%n", stockholmWon, 100 - stockholmWon);
    }
}
