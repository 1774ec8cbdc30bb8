package dev.kassa.connector.stock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kassa.common.testing.Http;
import dev.kassa.common.testing.TestDatabase;
import dev.kassa.connector.CentraSandbox;
import dev.kassa.centara.sandbox.CentaraSandboxApplication;
import dev.kassa.connector.ConnectorProcess;
import dev.kassa.connector.FlakyProxy;
import dev.kassa.connector.StockTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Three connector nodes on one PostgreSQL database, each a real process, share the work of two shops and
 * Centra's write budget while two tills send sales to whichever node answers (as behind a load balancer)
 * and web orders are offered to both shops, whose staff accept each at the same moment through different
 * nodes; nodes are killed with {@code kill -9} at random moments and started again. In the end Centra's
 * stock is exact for every item of both shops, every web order has one winner, one till order and one
 * shipment, and the sandbox, which enforces the same budget, never answered 429: the nodes together kept
 * within it (decision 0021). Seeded; PostgreSQL only (an H2 file is one process's database).
 */
@Tag("db")
class ConnectorClusterTest {

    private static final String ADMIN = "connector-admin-token";
    /** What a helper thread (a till, a clerk, a restart) failed with: the test fails with it. */
    private static final List<Throwable> FAILURES = new java.util.concurrent.CopyOnWriteArrayList<>();
    private static final String[] KEYS = {"pos-key-stockholm-0001", "pos-key-goteborg-0002"};
    private static final String[] STORES = {"stockholm", "goteborg"};
    /** Centra's budget here: 8 writes per 10 s, enforced by the sandbox and given to every node. */
    private static final int WRITES_PER_10S = 8;
    private static final long[] WAREHOUSES = {2, 3};
    private static final String CENTARA_TOKEN = "demo-centara-token";
    private static final Map<String, String> TILL_ADMIN = Map.of("Authorization", "Bearer kassa-demo");
    private static final String WEBHOOK_SECRET = "cluster-webhook-secret";
    /** Sales per till, web orders and kills: small in CI; {@code -Dkassa.cluster.sales=… -Dkassa.cluster.web-orders=… -Dkassa.cluster.kills=…} for a longer run. */
    private static final int SALES = Integer.getInteger("kassa.cluster.sales", 90);
    private static final int WEB_ORDERS = Integer.getInteger("kassa.cluster.web-orders", 5);
    private static final int KILLS = Math.max(2, Integer.getInteger("kassa.cluster.kills", 2));

    @Test
    void threeNodesKilledAtRandomShareTheWorkAndTheBudgetAndLoseNothing() throws Exception {
        Assumptions.assumeTrue(TestDatabase.isPostgres(), "several nodes share a PostgreSQL database");
        FAILURES.clear();
        long seed = Long.getLong("kassa.cluster.seed", 19);
        Random random = new Random(seed);
        List<StockTest.Item> items = List.of(StockTest.item(1021), StockTest.item(1022), StockTest.item(1023), StockTest.item(1024));
        List<StockTest.Item> webItems = List.of(StockTest.item(1025), StockTest.item(1026));
        try (CentraSandbox centra = CentraSandbox.start(); ConfigurableApplicationContext centara = startCentara();
             FlakyProxy webhooks = new FlakyProxy("http://127.0.0.1:9")) {
            String till = "http://127.0.0.1:" + centara.getEnvironment().getProperty("local.server.port");
            // Centra's webhooks reach the nodes through a load balancer (the proxy) that takes a node out before it dies
            ObjectNode state = (ObjectNode) centra.admin("GET", "/sandbox/state", null).json();
            ((ObjectNode) state.get("webhooks").get(0)).put("url", webhooks.url() + "/webhooks/centra").put("secret", WEBHOOK_SECRET);
            Http.Response pointed = centra.admin("PUT", "/sandbox/state", state.toString());
            assertThat(pointed.status()).as(pointed.body()).isEqualTo(200);
            Map<String, Integer> expected = new ConcurrentHashMap<>();
            for (String store : STORES) {
                for (StockTest.Item i : items) {
                    centra.setPhysical(store, i.ean(), 1000);
                    expected.put(store + "/" + i.ean(), 1000);
                }
                for (StockTest.Item i : webItems) {
                    centra.setPhysical(store, i.ean(), 100);
                    expected.put(store + "/" + i.ean(), 100);
                }
            }
            Http.Response limit = centra.admin("PUT", "/sandbox/faults",
                    "{\"rateLimit\": {\"writes\": " + WRITES_PER_10S + ", \"perSeconds\": 10}}");
            assertThat(limit.status()).as(limit.body()).isEqualTo(200);
            assertThat(centra.admin("DELETE", "/sandbox/requests", null).status()).isEqualTo(204);

            List<String> args = new ArrayList<>(List.of(TestDatabase.fresh().asArgs()));
            args.addAll(List.of("--kassa.connector.admin-token=" + ADMIN, "--kassa.connector.stock.poll-millis=20",
                    "--kassa.connector.centra.write-budget.writes-per-10s=" + WRITES_PER_10S,
                    "--kassa.connector.centra.write-budget.writes-per-hour=10000", "--logging.level.root=WARN",
                    "--kassa.connector.centara.base-url=" + till, "--kassa.connector.centara.token=" + CENTARA_TOKEN,
                    "--kassa.connector.centara.web-tender=50", "--kassa.connector.webhook.secret=" + WEBHOOK_SECRET,
                    "--kassa.connector.ship-from-store.poll-millis=100", "--kassa.connector.ship-from-store.till-poll-millis=200",
                    "--kassa.connector.ship-from-store.safety-net-millis=2000"));
            centra.connectorPropertiesWithStores(KEYS[0], KEYS[1]).forEach((k, v) -> args.add("--" + k + "=" + v));
            Path logs = Files.createDirectories(Path.of("target", "cluster-test"));
            List<ConnectorProcess> nodes = new ArrayList<>();
            for (int n = 0; n < 3; n++) {
                nodes.add(new ConnectorProcess(args, logs.resolve("node-" + n + ".log")));
            }
            // the first node creates the schema; the other two start together
            nodes.get(0).start();
            Thread second = spawn(() -> start(nodes.get(1)));
            nodes.get(2).start();
            second.join();
            webhooks.retarget(nodes.get(0).base());
            try {
                AtomicBoolean done = new AtomicBoolean();
                AtomicInteger lines = new AtomicInteger();
                List<Thread> tills = new ArrayList<>();
                for (int s = 0; s < STORES.length; s++) {
                    int store = s;
                    Random tillRandom = new Random(seed * 31 + s);
                    tills.add(spawn(() -> till(store, tillRandom, items, nodes, expected, lines)));
                }
                List<Long> webOrders = new java.util.concurrent.CopyOnWriteArrayList<>();
                Random webRandom = new Random(seed * 17);
                tills.add(spawn(() -> webOrders(centra, webRandom, webItems, nodes, webOrders)));
                Thread stream = spawn(() -> {
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
                int[] victims = new int[KILLS];
                victims[0] = random.nextInt(3);
                for (int k = 1; k < KILLS; k++) {
                    victims[k] = (victims[k - 1] + 1 + random.nextInt(2)) % 3; // never the one killed just before
                }
                for (int victim : victims) {
                    Thread.sleep(1000 + random.nextInt(2500)); // a random moment, not a deadline
                    if (done.get()) {
                        break;
                    }
                    // at most two nodes down at once: every restart but the latest has finished
                    for (int r = 0; r < restarts.size() - 1; r++) {
                        restarts.get(r).join();
                    }
                    if (!restarts.isEmpty() && !nodes.get(victim).healthy()) {
                        restarts.getLast().join(); // the victim is the one still starting
                    }
                    if (webhooks.target().equals(nodes.get(victim).base())) {
                        for (ConnectorProcess other : nodes) {
                            if (other != nodes.get(victim) && other.healthy()) {
                                webhooks.retarget(other.base());
                                break;
                            }
                        }
                    }
                    nodes.get(victim).kill();
                    killed.add(victim);
                    restarts.add(spawn(() -> start(nodes.get(victim))));
                }
                stream.join();
                for (Thread r : restarts) {
                    r.join();
                }
                assertThat(FAILURES).as("failures of the tills, clerks and restarts").isEmpty();
                for (ConnectorProcess node : nodes) {
                    assertThat(node.alive()).as("every killed node started again").isTrue();
                }
                assertThat(killed).as("nodes killed while sales flowed").hasSize(KILLS);
                assertThat(new java.util.HashSet<>(killed)).as("at least two different nodes among them").hasSizeGreaterThanOrEqualTo(2);

                assertThat(webOrders).hasSize(WEB_ORDERS);
                // each shop packs what it won: closed at its till, then the nodes ship it in Centra
                Map<Long, String> winners = new HashMap<>();
                await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(300)).until(() -> {
                    for (long order : webOrders) {
                        for (String store : STORES) {
                            JsonNode o = offerOf(nodes, store, order);
                            if (o != null && o.get("state").asString().equals("in_till") && !o.get("centaraOrderId").isNull()) {
                                Http.send("POST", till + "/sandbox/orders/" + o.get("centaraOrderId").asString() + "/close", TILL_ADMIN, null);
                            }
                            if (o != null && o.get("state").asString().equals("shipped")) {
                                winners.put(order, store);
                            }
                        }
                    }
                    return winners.size() == WEB_ORDERS;
                });
                int raced = 0;
                for (long order : webOrders) {
                    String winner = winners.get(order);
                    String loser = STORES[0].equals(winner) ? STORES[1] : STORES[0];
                    JsonNode lost = offerOf(nodes, loser, order);
                    assertThat(lost.get("state").asString()).as("order %d at %s", order, loser).isIn("lost", "rejected");
                    JsonNode history = anyNode(nodes, "/api/stores/" + loser + "/offers/" + lost.get("id").asLong(),
                            KEYS[STORES[0].equals(loser) ? 0 : 1]).get("history");
                    if (history.findValuesAsString("to").contains("accepting")) {
                        raced++; // both shops' accepts were taken, and Centra chose
                    }
                    JsonNode centraOrder = Http.send("GET", centra.endpoint("order-api-se") + "/orders?order=" + order,
                            Map.of("API-Authorization", "demo-se-secret"), null).json().get("orders").get(0);
                    assertThat(centraOrder.get("shipments")).as("one shipment of order %d", order).hasSize(1);
                    JsonNode tillOrder = Http.send("GET", till + "/api/order/" + order, Map.of("Authorization", "Bearer " + CENTARA_TOKEN), null).json();
                    assertThat(tillOrder.get("StoreId").asInt()).as("order %d in the winner's till", order).isEqualTo(winner.equals("stockholm") ? 1 : 2);
                    String item = centraOrder.get("products").get(0).get("ean").asString();
                    expected.merge(winner + "/" + item, -1, Integer::sum);
                }
                System.out.printf("cluster: %d of %d web orders accepted by both shops at once, Centra chose%n", raced, WEB_ORDERS);
                assertThat(raced).as("web orders both shops accepted at once (the race this test is about)").isPositive();
                await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).until(() -> {
                    JsonNode stores = anyNode(nodes, "/api/admin/stock", ADMIN).get("stores");
                    int open = 0;
                    for (JsonNode s : stores) {
                        open += s.get("lines").get("pending").asInt() + s.get("lines").get("writing").asInt();
                    }
                    return open == 0;
                });
                int applied = 0;
                for (JsonNode s : anyNode(nodes, "/api/admin/stock", ADMIN).get("stores")) {
                    assertThat(s.get("lines").get("dead").asInt()).as(s.get("store").asString()).isZero();
                    applied += s.get("lines").get("applied").asInt();
                }
                assertThat(applied).as("every line stored once and applied").isEqualTo(lines.get());
                for (String store : STORES) {
                    for (StockTest.Item i : java.util.stream.Stream.concat(items.stream(), webItems.stream()).toList()) {
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
                System.out.printf("cluster: %d sale lines applied, %d kills, %d POST stock taken by Centra, %d refused with 429%n",
                        applied, killed.size(), written, refused);
                assertThat(written).as("stock writes Centra took").isPositive();
                assertThat(refused).as("writes Centra refused with 429: the nodes together exceeded the budget").isZero();
            } finally {
                for (ConnectorProcess node : nodes) {
                    node.stop();
                }
            }
        }
    }

    /** One shop's till: {@link #SALES} sales of 1–2 lines, each sent to a random node until one answers 200. */
    private static void till(int store, Random random, List<StockTest.Item> items, List<ConnectorProcess> nodes,
                             Map<String, Integer> expected, AtomicInteger lines) {
        OffsetDateTime at = OffsetDateTime.now(ZoneOffset.UTC).minusHours(1);
        for (int n = 0; n < SALES; n++) {
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

    /**
     * Web orders offered to both shops, one after another; each shop's staff accept it at the same moment,
     * each through a node of its own.
     */
    private static void webOrders(CentraSandbox centra, Random random, List<StockTest.Item> webItems, List<ConnectorProcess> nodes,
                                  List<Long> placed) {
        for (int n = 0; n < WEB_ORDERS; n++) {
            String ean = webItems.get(random.nextInt(webItems.size())).ean();
            Http.Response r = centra.admin("POST", "/sandbox/web-orders", """
                    {"country": "SE", "customer": {"email": "eva@example.com", "firstName": "Eva", "lastName": "Lind",
                     "address": "Storgatan 2", "zipcode": "41101", "city": "Göteborg"},
                     "lines": [{"ean": "%s", "qty": 1}],
                     "offers": [{"warehouse": %d, "expiresInSeconds": 3600}, {"warehouse": %d, "expiresInSeconds": 3600}]}"""
                    .formatted(ean, WAREHOUSES[0], WAREHOUSES[1]));
            assertThat(r.status()).as(r.body()).isEqualTo(201);
            long order = r.json().get("orderNumber").asLong();
            placed.add(order);
            long[] offers = new long[2];
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(100)).ignoreExceptions().until(() -> {
                for (int s = 0; s < 2; s++) {
                    JsonNode o = offerOf(nodes, STORES[s], order);
                    offers[s] = o == null ? 0 : o.get("id").asLong();
                }
                return offers[0] != 0 && offers[1] != 0;
            });
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            int first = random.nextInt(nodes.size());
            List<Thread> clerks = new ArrayList<>();
            for (int s = 0; s < 2; s++) {
                int store = s;
                int node = (first + s) % nodes.size();
                clerks.add(spawn(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    // the clerk presses accept until some node answers (a dead one does not)
                    for (int attempt = 0; attempt < 300; attempt++) {
                        try {
                            int status = Http.send("POST", nodes.get((node + attempt) % nodes.size()).base() + "/api/stores/" + STORES[store]
                                    + "/offers/" + offers[store] + "/accept", Map.of("Authorization", "Bearer " + KEYS[store]),
                                    "{\"by\": \"clerk\"}").status();
                            if (status < 500) {
                                return;
                            }
                        } catch (RuntimeException e) {
                            // that node is down
                        }
                        pause(50);
                    }
                }));
            }
            go.countDown();
            for (Thread c : clerks) {
                try {
                    c.join();
                } catch (InterruptedException e) {
                    return;
                }
            }
            pause(500 + random.nextInt(1000));
        }
    }

    /** A shop's offer of a web order, as whichever node answers shows it; null when it has none. */
    private static JsonNode offerOf(List<ConnectorProcess> nodes, String store, long order) {
        for (JsonNode o : anyNode(nodes, "/api/stores/" + store + "/offers", KEYS[STORES[0].equals(store) ? 0 : 1]).get("offers")) {
            if (o.get("order").asLong() == order) {
                return o;
            }
        }
        return null;
    }

    private static ConfigurableApplicationContext startCentara() {
        List<String> args = new ArrayList<>(List.of(TestDatabase.fresh().asArgs()));
        args.addAll(List.of("--server.port=0", "--kassa.sandbox.admin-token=kassa-demo", "--kassa.sandbox.seed=demo",
                "--logging.level.root=WARN"));
        return new SpringApplicationBuilder(CentaraSandboxApplication.class).run(args.toArray(String[]::new));
    }

    /** A helper thread whose failure fails the test (a builder per thread: builders are not for sharing). */
    private static Thread spawn(Runnable work) {
        return Thread.ofPlatform().uncaughtExceptionHandler((t, e) -> FAILURES.add(e)).start(work);
    }

    /** GET {@code path} with bearer {@code key} from whichever node answers 200. */
    private static JsonNode anyNode(List<ConnectorProcess> nodes, String path, String key) {
        for (ConnectorProcess node : nodes) {
            try {
                Http.Response r = Http.send("GET", node.base() + path, Map.of("Authorization", "Bearer " + key), null);
                if (r.status() == 200) {
                    return r.json();
                }
            } catch (RuntimeException e) {
                // that node is down: try the next
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
