package dev.kassa.connector.centra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kassa.centra.api.CentraException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What several threads ask at once goes out as one call, each gets its own answer or the call's failure. */
class CoalescerTest {

    @Test
    void whatArrivesWhileTheSenderWaitsForItsSlotGoesInTheSameCall() throws Exception {
        CountDownLatch slotFree = new CountDownLatch(1);
        CountDownLatch waiting = new CountDownLatch(1);
        List<List<Integer>> calls = Collections.synchronizedList(new ArrayList<>());
        Coalescer<Integer, String> c = new Coalescer<>("test", 50, () -> {
            waiting.countDown();
            slotFree.await(); // the budget is spent for now
            return () -> { };
        }, batch -> {
            calls.add(List.copyOf(batch));
            return batch.stream().map(i -> "answer " + i).toList();
        });
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> answers = new ArrayList<>();
            answers.add(threads.submit(() -> c.ask(0)));
            assertThat(waiting.await(5, TimeUnit.SECONDS)).isTrue();
            for (int i = 1; i < 8; i++) {
                int n = i;
                answers.add(threads.submit(() -> c.ask(n)));
            }
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).until(() -> c.waiting() == 7);
            slotFree.countDown();
            for (int i = 0; i < 8; i++) {
                assertThat(answers.get(i).get(5, TimeUnit.SECONDS)).isEqualTo("answer " + i);
            }
            assertThat(calls).as("the first ask and the seven that came while it waited: one call").hasSize(1);
            assertThat(calls.get(0).getFirst()).isZero();
            assertThat(calls.get(0)).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6, 7);
        } finally {
            threads.shutdownNow();
            c.stop();
        }
    }

    @Test
    void aFailedCallFailsEveryoneItCarriedAndTheNextCallGoesOn() throws Exception {
        List<Integer> seen = Collections.synchronizedList(new ArrayList<>());
        Coalescer<Integer, Integer> c = new Coalescer<>("test", 2, () -> () -> { }, batch -> {
            seen.addAll(batch);
            if (batch.contains(13)) {
                throw new CentraException("no answer", 0, true, null);
            }
            return batch;
        });
        try {
            assertThatThrownBy(() -> c.ask(13)).isInstanceOf(CentraException.class)
                    .satisfies(e -> assertThat(((CentraException) e).retriesExhausted()).isTrue());
            assertThat(c.ask(7)).isEqualTo(7);
            assertThat(seen).containsExactly(13, 7);
        } finally {
            c.stop();
        }
        assertThatThrownBy(() -> c.ask(1)).hasMessageContaining("stopping");
    }
}
