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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The connector as a real separate process, killed with {@code kill -9} at random moments while a till
 * keeps sending sales (and sending some again, as a till does after a lost answer), then started again on
 * the same database: in the end Centra has taken off every sale exactly once. Each restart switches the
 * Centra API stock goes through (the store's Order API endpoint, then Centra's Integration API, and back),
 * so a write left open by one is settled through the other, and switching while sales flow loses and
 * doubles nothing.
 */
@Tag("db")
class ConnectorKillTest {

    private static final String KEY = "pos-key-stockholm-0001";
    private static final String ADMIN = "connector-admin-token";

    @Test
    void killedAtRandomMomentsItLosesNoSaleAndCountsNoneTwice() throws Exception {
        List<StockTest.Item> items = List.of(StockTest.item(1016), StockTest.item(1017), StockTest.item(1018),
                StockTest.item(1019), StockTest.item(1020));
        Random random = new Random(42);
        try (CentraSandbox centra = CentraSandbox.start()) {
            Map<String, Integer> expected = new HashMap<>();
            for (StockTest.Item i : items) {
                centra.setPhysical(i.ean(), 1000);
                expected.put(i.ean(), 1000);
            }
            TestDatabase db = TestDatabase.fresh();
            List<String> args = new ArrayList<>(List.of(db.asArgs()));
            args.addAll(List.of("--kassa.connector.admin-token=" + ADMIN,
                    "--kassa.connector.stock.poll-millis=20", "--logging.level.root=WARN",
                    "--kassa.connector.centra.endpoints.se.base-url=" + centra.endpoint("order-api-se"),
                    "--kassa.connector.centra.endpoints.se.secret=demo-se-secret",
                    "--kassa.connector.stores[0].id=stockholm", "--kassa.connector.stores[0].name=Stockholm",
                    "--kassa.connector.stores[0].country=se", "--kassa.connector.stores[0].centra-warehouse=2",
                    "--kassa.connector.stores[0].centara-store=1", "--kassa.connector.stores[0].pos-api-key=" + KEY,
                    "--kassa.connector.stores[0].centra-endpoint.base-url=" + centra.endpoint("store-stockholm"),
                    "--kassa.connector.stores[0].centra-endpoint.secret=" + CentraSandbox.STOCKHOLM_SECRET));
            List<String> viaOrderApi = List.of("--kassa.connector.centra.api=order-api");
            List<String> viaIntegrationApi = List.of("--kassa.connector.centra.api=integration-api",
                    "--kassa.connector.centra.integration-api.base-url=" + centra.base(),
                    "--kassa.connector.centra.integration-api.token=" + dev.kassa.centra.sandbox.integrationapi.Tokens.DEMO);
            Path log = Files.createDirectories(Path.of("target", "kill-test")).resolve("connector-" + TestDatabase.kind() + ".log");
            Files.deleteIfExists(log); // this run's nodes only
            ConnectorProcess node = new ConnectorProcess(args, log).start();
            String base = node.base();
            AtomicBoolean done = new AtomicBoolean();
            List<String> sent = new ArrayList<>();
            int[] lines = {0};
            Thread till = Thread.ofPlatform().start(() -> {
                OffsetDateTime at = OffsetDateTime.now(ZoneOffset.UTC).minusHours(1);
                for (int n = 0; n < 300; n++) {
                    String body;
                    if (n % 10 == 9) {
                        body = sent.get(random.nextInt(sent.size())); // sent again
                    } else {
                        List<StockTest.Line> ls = new ArrayList<>();
                        for (int l = 0; l < 1 + random.nextInt(2); l++) {
                            StockTest.Item item = items.get(random.nextInt(items.size()));
                            int q = random.nextInt(5) == 0 ? -1 : 1 + random.nextInt(3);
                            ls.add(new StockTest.Line(item.itemId(), item.ean(), q));
                            expected.merge(item.ean(), -q, Integer::sum);
                        }
                        lines[0] += ls.size();
                        body = StockTest.transaction(StockTest.newId(1), 1, "Sale", at.plusSeconds(n), ls);
                        sent.add(body);
                    }
                    // like the till: the same transaction again until the connector answers 200
                    while (true) {
                        try {
                            if (Http.send("POST", base + "/api/pos/transactions", Map.of("Authorization", "Bearer " + KEY), body)
                                    .status() == 200) {
                                break;
                            }
                        } catch (RuntimeException e) {
                            // connector down: try again
                        }
                        try {
                            Thread.sleep(20);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }
                done.set(true);
            });
            int kills = 0;
            while (!done.get() && kills < 5) {
                Thread.sleep(300 + random.nextInt(900)); // a random moment to kill, not a deadline
                if (done.get()) {
                    break;
                }
                node.kill();
                kills++;
                node.withExtraArgs(kills % 2 == 1 ? viaIntegrationApi : viaOrderApi).start();
            }
            till.join();
            try {
                try {
                    await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> {
                        JsonNode s = Http.send("GET", base + "/api/admin/stock", Map.of("Authorization", "Bearer " + ADMIN), null)
                                .json().get("stores").get(0).get("lines");
                        return s.get("pending").asInt() + s.get("writing").asInt() == 0;
                    });
                } catch (ConditionTimeoutException e) {
                    throw new AssertionError(stuck(base, node, db, log), e);
                }
                JsonNode state = Http.send("GET", base + "/api/admin/stock", Map.of("Authorization", "Bearer " + ADMIN), null)
                        .json().get("stores").get(0).get("lines");
                assertThat(kills).as("the connector was killed during the stream").isGreaterThanOrEqualTo(2);
                assertThat(state.get("dead").asInt()).isZero();
                assertThat(state.get("applied").asInt()).as("every line stored once and applied").isEqualTo(lines[0]);
                for (StockTest.Item i : items) {
                    assertThat(centra.physical(i.ean())).as(i.itemId()).isEqualTo(expected.get(i.ean()));
                }
            } finally {
                node.stop();
            }
        }
    }

    /**
     * One line on what held the store's lines when the wait gave up (CI shows only the first line of a
     * failure): the store's state, the jobs' rows and the node's last warnings.
     */
    private static String stuck(String base, ConnectorProcess node, TestDatabase db, Path log) {
        StringBuilder why = new StringBuilder("the store's lines were still waiting after 90 s; store: ");
        try {
            why.append(Http.send("GET", base + "/api/admin/stock", Map.of("Authorization", "Bearer " + ADMIN), null).json()
                    .get("stores").get(0));
        } catch (RuntimeException e) {
            why.append("unreadable (").append(e).append(')');
        }
        try {
            node.stop(); // H2 in file mode opens in one process at a time
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        why.append("; jobs: ");
        try (java.sql.Connection c = db.connect(); java.sql.ResultSet r = c.createStatement().executeQuery(
                "select task_name, task_instance, execution_time, picked, picked_by, last_heartbeat, consecutive_failures"
                        + " from connector_scheduled_tasks order by task_name, task_instance")) {
            while (r.next()) {
                why.append('[').append(r.getString(1)).append(' ').append(r.getString(2)).append(" at ").append(r.getString(3))
                        .append(r.getBoolean(4) ? " picked by " + r.getString(5) + " beat " + r.getString(6) : "")
                        .append(" failures ").append(r.getInt(7)).append("] ");
            }
        } catch (java.sql.SQLException e) {
            why.append("unreadable (").append(e.getMessage()).append(')');
        }
        try {
            List<String> warnings = Files.readAllLines(log).stream().filter(l -> l.contains(" WARN ") || l.contains(" ERROR "))
                    .filter(l -> !l.contains("Flyway") && !l.contains("utc_warning") && !l.contains("H2 2.")).toList();
            why.append("; last warnings: ").append(String.join(" | ", warnings.subList(Math.max(0, warnings.size() - 8), warnings.size())));
        } catch (java.io.IOException e) {
            why.append("; log unreadable");
        }
        return why.toString().replace('\n', ' ');
    }
}
