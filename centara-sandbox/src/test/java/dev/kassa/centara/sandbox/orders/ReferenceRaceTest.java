package dev.kassa.centara.sandbox.orders;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kassa.centara.sandbox.CentaraTest;
import dev.kassa.common.testing.Http;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Concurrent POSTs of one ReferenceNumber (spec B.5): one 200, every other 409 naming that order. */
class ReferenceRaceTest extends CentaraTest {

    @Test
    void concurrentPostsOfOneReferenceCreateExactlyOneOrder() throws Exception {
        putSampleRegistry();
        int rounds = 10;
        int posters = 8;
        ExecutorService pool = Executors.newFixedThreadPool(posters);
        try {
            for (int round = 0; round < rounds; round++) {
                String body = fixture("centara-order-sample.json").replace("SHOPIFY-0001", "RACE-" + round);
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Http.Response>> answers = new ArrayList<>();
                for (int p = 0; p < posters; p++) {
                    answers.add(pool.submit(() -> {
                        start.await();
                        return api("POST", "/api/order", body);
                    }));
                }
                start.countDown();
                List<Http.Response> ok = new ArrayList<>();
                List<Http.Response> conflict = new ArrayList<>();
                for (Future<Http.Response> f : answers) {
                    Http.Response r = f.get();
                    (r.status() == 200 ? ok : conflict).add(r);
                    assertThat(r.status()).as(r.body()).isIn(200, 409);
                }
                assertThat(ok).as("round " + round).hasSize(1);
                String winner = ok.getFirst().json().get("OrderId").asString();
                assertThat(conflict).hasSize(posters - 1)
                        .allSatisfy(r -> assertThat(r.json().get("OrderId").asString()).isEqualTo(winner));
                assertThat(api("GET", "/api/order/RACE-" + round, null).json().get("OrderId").asString()).isEqualTo(winner);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(state().get("activity").get("orders")).hasSize(rounds);
    }
}
