package dev.kassa.connector.stock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kassa.common.testing.Http;
import dev.kassa.connector.StockTest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The stock writer end to end over real HTTP: sales posted to the connector's intake, Centra (the sandbox)
 * read and written through the store's Order API endpoint. Stock items 1001–1008 belong to this class.
 */
class StockEndToEndTest extends StockTest {

    @Test
    void theSeedsExampleSellsFiveOf499AndCentraShows494() {
        Item shirt = item(1001);
        CENTRA.setPhysical(shirt.ean(), 499);
        String sale = sell(now(), line(shirt, 5));

        assertThat(drain("stockholm")).isEqualTo(1);

        assertThat(CENTRA.physical(shirt.ean())).isEqualTo(494);
        assertThat(lineState(sale, 1)).isEqualTo("applied");
        JsonNode write = admin("GET", "/api/admin/stock/writes?store=stockholm", null).json().get("writes").get(0);
        assertThat(write.get("state").asString()).isEqualTo("done");
        assertThat(write.get("items").get(0).get("physicalBefore").asInt()).isEqualTo(499);
        assertThat(write.get("items").get(0).get("target").asInt()).isEqualTo(494);
        assertThat(drain("stockholm")).as("nothing left to do").isZero();
        assertThat(CENTRA.physical(shirt.ean())).isEqualTo(494);
    }

    @Test
    void aReturnPutsStockBack() {
        Item shirt = item(1002);
        CENTRA.setPhysical(shirt.ean(), 10);
        sell(now(), line(shirt, 3));
        drain("stockholm");
        String back = sell(now(), line(shirt, -2));
        drain("stockholm");
        assertThat(CENTRA.physical(shirt.ean())).isEqualTo(9);
        assertThat(lineState(back, 1)).isEqualTo("applied");
    }

    @Test
    void aClampAtAllocatedStockIsRecorded() {
        Item shirt = item(1003);
        CENTRA.setStock(shirt.stockItemId(), 2, 10, 7);
        String sale = sell(now(), line(shirt, 8));

        drain("stockholm");

        JsonNode row = CENTRA.stock(dev.kassa.connector.CentraSandbox.STOCKHOLM_SECRET, "store-stockholm", shirt.ean());
        assertThat(row.get("physicalStock").asInt()).as("Centra keeps the reservations").isEqualTo(7);
        assertThat(lineState(sale, 1)).isEqualTo("applied");
        JsonNode clamp = admin("GET", "/api/admin/stock/discrepancies?store=stockholm", null).json().get("discrepancies").get(0);
        assertThat(clamp.get("itemId").asString()).isEqualTo(shirt.itemId());
        assertThat(clamp.get("kind").asString()).isEqualTo("clamped");
        assertThat(clamp.get("wanted").asInt()).isEqualTo(2);
        assertThat(clamp.get("stored").asInt()).isEqualTo(7);
        CENTRA.setStock(shirt.stockItemId(), 2, 10, 0);
    }

    @Test
    void anUnknownItemBecomesADeadLetterThatCanBeReplayed() {
        Item known = item(1004);
        CENTRA.setPhysical(known.ean(), 20);
        String sale = sell(now(), new Line("NO-SUCH-ITEM", null, 1), new Line("NOT-IN-MIRROR", "7359999999999", 1), line(known, 1));

        drain("stockholm");

        assertThat(CENTRA.physical(known.ean())).as("the known item is not held up").isEqualTo(19);
        assertThat(lineState(sale, 1)).isEqualTo("dead");
        assertThat(lineState(sale, 2)).isEqualTo("dead");
        JsonNode dead = admin("GET", "/api/admin/stock/dead-letters?store=stockholm", null).json().get("deadLetters");
        List<String> reasons = new ArrayList<>();
        dead.forEach(d -> {
            if (d.get("transactionId").asString().equals(sale)) {
                reasons.add(d.get("lineNumber").asInt() + ": " + d.get("reason").asString());
            }
        });
        assertThat(reasons).hasSize(2);
        assertThat(reasons.get(0)).startsWith("1: unknown item: ItemId NO-SUCH-ITEM is not in the Centra catalogue mirror");
        assertThat(reasons.get(1)).startsWith("2: unknown item: Centra has no item 7359999999999");

        Http.Response replay = admin("POST", "/api/admin/stock/dead-letters/replay",
                "{\"lines\": [{\"transactionId\": \"" + sale + "\", \"lineNumber\": 1}]}");
        assertThat(replay.status()).as(replay.body()).isEqualTo(200);
        assertThat(replay.json().get("replayed").asInt()).isEqualTo(1);
        assertThat(lineState(sale, 1)).isEqualTo("pending");
        drain("stockholm");
        assertThat(lineState(sale, 1)).as("still unknown").isEqualTo("dead");

        Http.Response bad = admin("POST", "/api/admin/stock/dead-letters/replay",
                "{\"lines\": [{\"transactionId\": \"" + sale + "\", \"lineNumber\": 3}, {\"lineNumber\": \"x\"}]}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("lines[0]", "the line is applied, not dead", "lines[1].transactionId", "lines[1].lineNumber");
        assertThat(admin("POST", "/api/admin/stock/dead-letters/replay", "{\"store\": \"stockholm\"}").status()).isEqualTo(200);
        assertThat(Http.send("GET", base() + "/api/admin/stock/dead-letters", java.util.Map.of(), null).status())
                .as("the admin API needs the token").isEqualTo(401);
    }

    @Test
    void duplicatesOfOneTransactionCountOnce() throws Exception {
        Item socks = item(1005);
        CENTRA.setPhysical(socks.ean(), 50);
        String id = newId(1);
        String body = transaction(id, 1, "Sale", now(), List.of(line(socks, 4)));
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Callable<Integer>> posts = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                posts.add(() -> post(STOCKHOLM_KEY, body).status());
            }
            for (Future<Integer> f : pool.invokeAll(posts)) {
                assertThat(f.get()).isEqualTo(200);
            }
        } finally {
            pool.shutdown();
        }
        drain("stockholm");
        assertThat(post(STOCKHOLM_KEY, body).json().get("result").asString()).isEqualTo("duplicate");
        drain("stockholm");
        assertThat(CENTRA.physical(socks.ean())).isEqualTo(46);
    }

    @Test
    void manySalesOfManyItemsGoOutInOneWrite() {
        Item a = item(1006);
        Item b = item(1007);
        CENTRA.setPhysical(a.ean(), 100);
        CENTRA.setPhysical(b.ean(), 100);
        long writesBefore = writes();
        for (int i = 0; i < 20; i++) {
            sell(now(), line(a, 1), line(b, 2));
        }
        sell(now(), line(a, -3));

        assertThat(drain("stockholm")).isEqualTo(1);

        assertThat(writes() - writesBefore).as("one POST stock for 21 transactions and 2 items").isEqualTo(1);
        assertThat(CENTRA.physical(a.ean())).isEqualTo(83);
        assertThat(CENTRA.physical(b.ean())).isEqualTo(60);
    }

    /**
     * Decision 0006 point 11: a write of more items than the catalogue has pages reads the pages (the demo's
     * catalogue is one page), not each item; the values are the ones an item-by-item read finds.
     */
    @Test
    void aWriteOfSeveralItemsReadsTheCataloguesPageInsteadOfEachItem() {
        Item a = item(1006);
        Item b = item(1007);
        Item c = item(1005);
        var endpoint = config.store("stockholm").orElseThrow().centraEndpoint();
        var client = clients.of(endpoint);
        long catalogue = jdbc.sql("select count(*) from connector_catalogue_item where country = 'se'").query(Long.class).single();
        assertThat(catalogue).isBetween(1L, (long) StockReads.PAGE);

        StockReads paged = StockReads.forWrite(client, 3, catalogue);
        for (Item i : List.of(a, b, c)) {
            assertThat(paged.row("stockItemId=" + i.stockItemId(), i.ean()))
                    .isEqualTo(StockWriter.read(client, "stockItemId=" + i.stockItemId(), i.ean()));
            assertThat(paged.row("ean=" + i.ean(), i.ean())).map(dev.kassa.centra.api.StockRow::stockItemId).contains(i.stockItemId());
        }
        assertThat(paged.calls()).isEqualTo(new StockReads.Calls(0, 1));
        assertThat(paged.row("ean=7359999999999", "7359999999999")).as("not on the pages: asked for by name, unknown").isEmpty();
        assertThat(paged.calls()).isEqualTo(new StockReads.Calls(1, 1));

        StockReads one = StockReads.forWrite(client, 1, catalogue);
        assertThat(one.row("stockItemId=" + a.stockItemId(), a.ean())).isPresent();
        assertThat(one.calls()).as("one item: one item read").isEqualTo(new StockReads.Calls(1, 0));
        StockReads unknownSize = StockReads.forWrite(client, 3, 0);
        unknownSize.row("ean=" + a.ean(), a.ean());
        unknownSize.row("ean=" + b.ean(), b.ean());
        assertThat(unknownSize.calls()).as("no mirror yet: item by item").isEqualTo(new StockReads.Calls(2, 0));
        StockReads big = StockReads.forWrite(client, 3, 5 * StockReads.PAGE);
        big.row("ean=" + a.ean(), a.ean());
        assertThat(big.calls()).as("5 pages for 3 items: item by item is fewer calls").isEqualTo(new StockReads.Calls(1, 0));

        // and the writer: 2 items, one page read, no item read
        CENTRA.setPhysical(a.ean(), 70);
        CENTRA.setPhysical(b.ean(), 80);
        double pagesBefore = reads("page");
        double itemsBefore = reads("item");
        sell(now(), line(a, 1), line(b, 2));
        assertThat(drain("stockholm")).isEqualTo(1);
        assertThat(CENTRA.physical(a.ean())).isEqualTo(69);
        assertThat(CENTRA.physical(b.ean())).isEqualTo(78);
        assertThat(reads("page") - pagesBefore).isEqualTo(1);
        assertThat(reads("item") - itemsBefore).isZero();
    }

    private double reads(String kind) {
        var counter = registry.find("kassa.stock.reads").tag("store", "stockholm").tag("kind", kind).counter();
        return counter == null ? 0 : counter.count();
    }

    @org.springframework.beans.factory.annotation.Autowired
    private dev.kassa.connector.config.ConnectorConfig config;
    @org.springframework.beans.factory.annotation.Autowired
    private dev.kassa.connector.centra.CentraClients clients;
    @org.springframework.beans.factory.annotation.Autowired
    private io.micrometer.core.instrument.MeterRegistry registry;

    @Test
    void aCountSetsTheValueAndALateSaleFromBeforeItIsNotTakenOffAgain() {
        Item belt = item(1008);
        CENTRA.setPhysical(belt.ean(), 40);
        var t = now();
        sell(t.minusMinutes(10), line(belt, 1));
        drain("stockholm");
        assertThat(CENTRA.physical(belt.ean())).isEqualTo(39);

        String counted = count(t.minusMinutes(5), line(belt, 30));
        String after = sell(t.minusMinutes(1), line(belt, 2));
        drain("stockholm");
        assertThat(CENTRA.physical(belt.ean())).as("the count, less the sale after it").isEqualTo(28);
        assertThat(lineState(counted, 1)).isEqualTo("applied");
        assertThat(lineState(after, 1)).isEqualTo("applied");

        String late = sell(t.minusMinutes(7), line(belt, 5));
        drain("stockholm");
        assertThat(lineState(late, 1)).isEqualTo("superseded");
        assertThat(CENTRA.physical(belt.ean())).as("the count already includes the late sale").isEqualTo(28);

        JsonNode drift = admin("POST", "/api/admin/stock/reconcile?store=stockholm", null).json();
        assertThat(drift.get("ran").asBoolean()).isTrue();
        assertThat(drift.get("units").asLong()).isZero();
        CENTRA.setPhysical(belt.ean(), 25);
        drift = admin("POST", "/api/admin/stock/reconcile?store=stockholm", null).json();
        assertThat(drift.get("drifting").get(0).get("drift").asInt()).isEqualTo(-3);
        assertThat(drift.get("units").asLong()).isEqualTo(3);
        assertThat(admin("GET", "/api/admin/stock", null).json().get("stores").get(0).get("drift").get("units").asInt()).isEqualTo(3);
    }

    private long writes() {
        return jdbc.sql("select count(*) from connector_stock_write where store_id = 'stockholm'").query(Long.class).single();
    }
}
