package dev.kassa.connector.stock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kassa.common.testing.Http;
import dev.kassa.common.testing.TestDatabase;
import dev.kassa.connector.CentraSandbox;
import dev.kassa.connector.ConnectorProcess;
import dev.kassa.connector.StockTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Three connector nodes on one PostgreSQL database, each a real process, share the work of two shops and
 * Centra's write budget while two tills send sales to whichever node answers (as behind a load balancer);
 * nodes are killed with {@code kill -9} at random moments and started again. In the end Centra's stock is
 * exact for every item of both shops, and the sandbox, which enforces the same budget, never answered
 * 429: the nodes together kept within it (decision 0021). Seeded; PostgreSQL only (an H2 file is one
 * process's database).
 */
@Tag("db")
class ConnectorClusterTest {

    private static final String ADMIN = "connector-admin-token";
    private static final String[] KEYS = {"pos-key-stockholm-0001", "pos-key-goteborg-0002"};
    private static final String[] STORES = {"stockholm", "goteborg"};
    /** Centra's budget here: 4 writes per 10 s, enforced by the sandbox and given to every node. */
    private static final int WRITES_PER_10S = 4;

    @Test
    void threeNodesKilledAtRandomShareTheWorkAndTheBudgetAndLoseNothing() throws Exception {
        Assumptions.assumeTrue(TestDatabase.isPostgres(), "several nodes share a PostgreSQL database");
        long seed = Long.getLong("kassa.cluster.seed", 19);
        Random random = new Random(seed);
        List<StockTest.Item> items = List.of(StockTest.item(1021), StockTest.item(1022), StockTest.item(1023), StockTest.item(1024));
        try (CentraSandbox centra = CentraSandbox.start()) {
            Map<String, Integer> expected = new ConcurrentHashMap<>();
            for (String store : STORES) {
                for (StockTest.Item i : items) {
                    centra.setPhysical(store, i.ean(), 1000);
                    expected.put(store + "/" + i.ean(), 1000);
                }
            }
            Http.Response limit = centra.admin("PUT", "/sandbox/faults",
                    "{\"rateLimit\": {\"writes\": " + WRITES_PER_10S + ", \"perSeconds\": 10}}");
            assertThat(limit.status()).as(limit.body()).isEqualTo(200);
            assertThat(centra.admin("DELETE", "/sandbox/requests", null).status()).isEqualTo(204);

            List<String> args = new ArrayList<>(List.of(TestDatabase.fresh().asArgs()));
            args.addAll(List.of("--kassa.connector.admin-token=" + ADMIN, "--kassa.connector.stock.poll-millis=20",
                    "--kassa.connector.centra.write-budget.writes-per-10s=" + WRITES_PER_10S,
                    "--kassa.connector.centra.write-budget.writes-per-hour=10000", "--logging.level.root=WARN"));
            centra.connectorPropertiesWithStores(KEYS[0], KEYS[1]).forEach((k, v) -> args.add("--" + k + "=" + v));
            Path logs = Files.createDirectories(Path.of("target", "cluster-test"));
            List<ConnectorProcess> nodes = new ArrayList<>();
            for (int n = 0; n < 3; n++) {
                nodes.add(new ConnectorProcess(args, logs.resolve("node-" + n + ".log")));
            }
            // the first node creates the schema; the other two start together
            nodes.get(0).start();
            Thread second = Thread.ofPlatform().start(() -> start(nodes.get(1)));
            nodes.get(2).start();
            second.join();
            try {
                AtomicBoolean done = new AtomicBoolean();
                AtomicInteger lines = new AtomicInteger();
                List<Thread> tills = new ArrayList<>();
                for (int s = 0; s < STORES.length; s++) {
                    int store = s;
                    Random tillRandom = new Random(seed * 31 + s);
                    tills.add(Thread.ofPlatform().start(() -> till(store, tillRandom, items, nodes, expected, lines)));
                }
                Thread stream = Thread.ofPlatform().start(() -> {
                    for (Thread t : tills) {
                        try {
                            t.join();
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                    done.set(true);
                });
                // kill one node, then another, at random moments while the sales flow; each is started again
                // (a node starts again while the sales flow on to the others; the second may die while the first restarts)
                List<Integer> killed = new ArrayList<>();
                List<Thread> restarts = new ArrayList<>();
                int[] order = {random.nextInt(3), 0};
                order[1] = (order[0] + 1 + random.nextInt(2)) % 3;
                for (int victim : order) {
                    Thread.sleep(1000 + random.nextInt(2500)); // a random moment, not a deadline
                    if (done.get()) {
                        break;
                    }
                    nodes.get(victim).kill();
                    killed.add(victim);
                    restarts.add(Thread.ofPlatform().start(() -> start(nodes.get(victim))));
                }
                stream.join();
                for (Thread r : restarts) {
                    r.join();
                }
                for (ConnectorProcess node : nodes) {
                    assertThat(node.alive()).as("every killed node started again").isTrue();
                }
                assertThat(killed).as("two different nodes were killed while sales flowed").hasSize(2).doesNotHaveDuplicates();

                await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).until(() -> {
                    JsonNode stores = admin(nodes, "/api/admin/stock").get("stores");
                    int open = 0;
                    for (JsonNode s : stores) {
                        open += s.get("lines").get("pending").asInt() + s.get("lines").get("writing").asInt();
                    }
                    return open == 0;
                });
                int applied = 0;
                for (JsonNode s : admin(nodes, "/api/admin/stock").get("stores")) {
                    assertThat(s.get("lines").get("dead").asInt()).as(s.get("store").asString()).isZero();
                    applied += s.get("lines").get("applied").asInt();
                }
                assertThat(applied).as("every line stored once and applied").isEqualTo(lines.get());
                for (String store : STORES) {
                    for (StockTest.Item i : items) {
                        assertThat(centra.physical(store, i.ean())).as(store + " " + i.itemId()).isEqualTo(expected.get(store + "/" + i.ean()));
                    }
                }
                JsonNode posts = centra.admin("GET", "/sandbox/requests?method=POST&limit=10000", null).json();
                assertThat(posts.get("dropped").asLong()).isZero();
                int written = 0;
                int refused = 0;
                for (JsonNode r : posts.get("requests")) {
                    if (r.get("path").asString().endsWith("/stock")) {
                        written += r.get("status").asInt() == 200 ? 1 : 0;
                        refused += r.get("status").asInt() == 429 ? 1 : 0;
                    }
                }
                assertThat(written).as("stock writes Centra took").isPositive();
                assertThat(refused).as("writes Centra refused with 429: the nodes together exceeded the budget").isZero();
            } finally {
                for (ConnectorProcess node : nodes) {
                    node.stop();
                }
            }
        }
    }

    /** One shop's till: 90 sales of 1–2 lines, each sent to a random node until one answers 200. */
    private static void till(int store, Random random, List<StockTest.Item> items, List<ConnectorProcess> nodes,
                             Map<String, Integer> expected, AtomicInteger lines) {
        OffsetDateTime at = OffsetDateTime.now(ZoneOffset.UTC).minusHours(1);
        for (int n = 0; n < 90; n++) {
            List<StockTest.Line> ls = new ArrayList<>();
            for (int l = 0; l < 1 + random.nextInt(2); l++) {
                StockTest.Item item = items.get(random.nextInt(items.size()));
                int q = random.nextInt(5) == 0 ? -1 : 1 + random.nextInt(3);
                ls.add(new StockTest.Line(item.itemId(), item.ean(), q));
                expected.merge(STORES[store] + "/" + item.ean(), -q, Integer::sum);
            }
            lines.addAndGet(ls.size());
            String body = StockTest.transaction(StockTest.newId(store + 1), store + 1, "Sale", at.plusSeconds(n), ls);
            while (true) {
                ConnectorProcess node = nodes.get(random.nextInt(nodes.size()));
                try {
                    if (Http.send("POST", node.base() + "/api/pos/transactions", Map.of("Authorization", "Bearer " + KEYS[store]), body)
                            .status() == 200) {
                        break;
                    }
                } catch (RuntimeException e) {
                    // that node is down: the next try goes to another
                }
                pause(20);
            }
            pause(100 + random.nextInt(100));
        }
    }

    /** The admin API of whichever node answers. */
    private static JsonNode admin(List<ConnectorProcess> nodes, String path) {
        for (ConnectorProcess node : nodes) {
            try {
                Http.Response r = Http.send("GET", node.base() + path, Map.of("Authorization", "Bearer " + ADMIN), null);
                if (r.status() == 200) {
                    return r.json();
                }
            } catch (RuntimeException e) {
                // try the next node
            }
        }
        throw new AssertionError("no node answered " + path);
    }

    private static void start(ConnectorProcess node) {
        try {
            node.start();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
