package dev.kassa.centra.sandbox.stock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kassa.centra.sandbox.SandboxTest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Many clients update overlapping items at once while others read: every value ever seen keeps
 * physical = allocated + available and was asked for by some request (or is the clamp of one, or the
 * start). When every request writes one value to every item, any snapshot in which two items differ
 * would show a request half applied.
 */
class StockConcurrencyTest extends SandboxTest {

    private static final int ITEMS = 12;
    private static final int WRITERS = 8;
    private static final int REQUESTS_PER_WRITER = 40;
    private static final int ALLOCATED = 5;

    private static String ean(int i) {
        return "99000000" + String.format("%05d", i);
    }

    @Test
    void overlappingConcurrentUpdatesNeverBreakTheInvariantsOrInventValues() throws Exception {
        run(false);
    }

    @Test
    void aRequestIsAppliedWholeSoNoReaderEverSeesItHalfWritten() throws Exception {
        run(true);
    }

    private void run(boolean everyItemEveryTime) throws Exception {
        putState(dataset());
        Set<Integer> asked = ConcurrentHashMap.newKeySet();
        asked.add(100);
        List<String> problems = new ArrayList<>();
        AtomicBoolean writing = new AtomicBoolean(true);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS + 2);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                writers.add(pool.submit(() -> {
                    start.await();
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    for (int n = 0; n < REQUESTS_PER_WRITER; n++) {
                        // One value per request, written to a random window of items that overlaps others'.
                        // A quarter of the values are below allocated, so the clamp races too.
                        int value = random.nextInt(4) == 0 ? random.nextInt(ALLOCATED) : writer * 1000 + n + 1;
                        asked.add(value);
                        int from = everyItemEveryTime ? 0 : random.nextInt(ITEMS);
                        int count = everyItemEveryTime ? ITEMS : 1 + random.nextInt(ITEMS);
                        StringBuilder body = new StringBuilder("{\"products\":[");
                        for (int k = 0; k < count; k++) {
                            body.append(k == 0 ? "" : ",").append("{\"product\":\"").append(ean((from + k) % ITEMS))
                                    .append("\",\"quantity\":").append(value).append('}');
                        }
                        body.append("]}");
                        Response r = orderApi("POST", "/api/order-api/stock", "s3cret", body.toString());
                        if (r.status() != 200 || !r.body().contains("\"ok\"")) {
                            synchronized (problems) {
                                problems.add("write answered " + r.status() + " " + r.body());
                            }
                        }
                    }
                    return null;
                }));
            }
            List<Future<?>> readers = new ArrayList<>();
            for (int rd = 0; rd < 2; rd++) {
                readers.add(pool.submit(() -> {
                    start.await();
                    while (writing.get()) {
                        checkSnapshot(getOk("/api/order-api/stock", "s3cret"), asked, problems, everyItemEveryTime);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : writers) {
                f.get();
            }
            writing.set(false);
            for (Future<?> f : readers) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        checkSnapshot(getOk("/api/order-api/stock", "s3cret"), asked, problems, everyItemEveryTime);
        assertThat(problems).isEmpty();
    }

    private static void checkSnapshot(JsonNode response, Set<Integer> asked, List<String> problems, boolean allEqual) {
        JsonNode products = response.get("products");
        Map<Integer, Integer> physicalByItem = new java.util.HashMap<>();
        for (JsonNode p : products) {
            int physical = p.get("physicalStock").asInt();
            int allocated = p.get("allocatedStock").asInt();
            int available = p.get("availableStock").asInt();
            String where = p.get("ean").asString() + " physical " + physical;
            synchronized (problems) {
                if (physical != allocated + available) {
                    problems.add(where + ": physical != allocated + available");
                }
                if (allocated != ALLOCATED || physical < allocated) {
                    problems.add(where + ": allocated " + allocated + " changed or physical below it");
                }
                if (!asked.contains(physical) && !(physical == ALLOCATED && asked.stream().anyMatch(v -> v < ALLOCATED))) {
                    problems.add(where + ": a value no request asked for");
                }
            }
            physicalByItem.put(p.get("stockItemId").asInt(), physical);
        }
        assertThat(physicalByItem).as("every item listed").hasSize(ITEMS);
        if (allEqual && new HashSet<>(physicalByItem.values()).size() != 1) {
            synchronized (problems) {
                problems.add("a request was seen half applied: " + physicalByItem);
            }
        }
    }

    private static String dataset() {
        StringBuilder sizes = new StringBuilder();
        for (int i = 0; i < ITEMS; i++) {
            sizes.append(i == 0 ? "" : ",").append("{\"stockItemId\":").append(i + 1).append(",\"sizeSku\":\"S")
                    .append(i).append("\",\"name\":\"S").append(i).append("\",\"ean\":\"").append(ean(i))
                    .append("\",\"stock\":[{\"warehouse\":1,\"physical\":100,\"allocated\":").append(ALLOCATED)
                    .append("}]}");
        }
        return """
                {"warehouses":[{"id":1,"name":"Central"}],
                 "products":[{"productId":1,"sku":"C","name":"Contended","createdAt":"2026-01-01 00:00:00",
                   "variants":[{"variantId":1,"sku":"V","name":"V","sizes":[%s]}]}],
                 "orderApi":[{"uri":"order-api","secret":"s3cret","primaryWarehouse":1}]}
                """.formatted(sizes);
    }
}
