package dev.kassa.connector.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kassa.common.testing.Http;
import dev.kassa.connector.StockTest;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The catalogue sync against the Centra sandbox's demo catalogue (31 stock items, SE endpoint with Swedish
 * tax and the SEK pricelist), and the feed the tills read. In order: the full first sync, a second that
 * changes nothing, then a product changed in Centra and pulled incrementally.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CatalogueSyncTest extends StockTest {

    @Test
    @Order(1)
    void theFirstSyncMirrorsEveryItemWithItsCentaraItemIdAndTaxInclusivePrice() {
        JsonNode feed = feed(STOCKHOLM_KEY, "").json();
        assertThat(feed.get("Country").asString()).isEqualTo("SE");
        assertThat(feed.get("Items")).hasSize(31);
        assertThat(feed.get("More").asBoolean()).isFalse();
        JsonNode first = null;
        for (JsonNode i : feed.get("Items")) {
            if (i.get("ItemId").asString().equals("LS100-WH-S")) {
                first = i;
            }
        }
        assertThat(first).isNotNull();
        assertThat(first.get("Ean").asString()).isEqualTo(item(1001).ean());
        assertThat(first.get("Sku").asString()).isEqualTo("LS100WHS");
        JsonNode centra = Http.send("GET", CENTRA.endpoint("order-api-se") + "/products?stockItemId=1001",
                Map.of("API-Authorization", "demo-se-secret"), null).json().get("products").get(0);
        JsonNode sek = null;
        for (JsonNode p : centra.get("prices")) {
            if (p.get("pricelist").asString().equals("SEK")) {
                sek = p;
            }
        }
        assertThat(first.get("Price").decimalValue()).isEqualByComparingTo(sek.get("price").asString());
        assertThat(first.get("TaxPercent").decimalValue()).isEqualByComparingTo("25");
        assertThat(first.get("Currency").asString()).isEqualTo("SEK");

        JsonNode status = null;
        for (JsonNode c : admin("GET", "/api/admin/catalogue", null).json().get("countries")) {
            if (c.get("country").asString().equals("se")) {
                status = c;
            }
        }
        assertThat(status).as("Sweden's sync").isNotNull();
        assertThat(status.get("state").asString()).isEqualTo("idle");
        assertThat(status.get("items").asInt()).isEqualTo(31);
        assertThat(status.get("pages").asInt()).as("page size 5 in these tests").isEqualTo(7);
    }

    @Test
    @Order(2)
    void aSecondSyncWithNothingChangedWritesNothing() {
        long next = feed(STOCKHOLM_KEY, "").json().get("Next").asLong();
        String before = jdbc.sql("select count(*) || '/' || max(feed_seq) from connector_catalogue_item").query(String.class).single();

        CatalogueSync.Result again = catalogue.sync("se", true);

        assertThat(again.ran()).isTrue();
        assertThat(again.seen()).isEqualTo(31);
        assertThat(again.changed()).isZero();
        assertThat(again.deactivated()).isZero();
        assertThat(jdbc.sql("select count(*) || '/' || max(feed_seq) from connector_catalogue_item").query(String.class).single())
                .isEqualTo(before);
        JsonNode since = feed(STOCKHOLM_KEY, "?since=" + next).json();
        assertThat(since.get("Items")).isEmpty();
        assertThat(since.get("Next").asLong()).isEqualTo(next);
    }

    @Test
    @Order(3)
    void aProductChangedInCentraComesInIncrementallyAndAloneInTheFeed() {
        long next = feed(STOCKHOLM_KEY, "").json().get("Next").asLong();
        JsonNode state = CENTRA.admin("GET", "/sandbox/state", null).json();
        ObjectNode tote = null;
        for (JsonNode p : state.get("products")) {
            if (p.get("sku").asString().equals("TB400")) {
                tote = (ObjectNode) p;
            }
        }
        tote.put("name", "Canvas Tote, \"Large\"");
        tote.put("modifiedAt", LocalDateTime.now(ZoneId.of("Europe/Stockholm")).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")));
        Http.Response put = CENTRA.admin("PUT", "/sandbox/state", state.toString());
        assertThat(put.status()).as(put.body()).isEqualTo(200);

        CatalogueSync.Result result = catalogue.sync("se", false);

        assertThat(result.full()).as("the watermark of the last sync is used").isFalse();
        assertThat(result.seen()).as("only what was modified since").isLessThan(31);
        assertThat(result.changed()).isEqualTo(1);
        JsonNode changed = feed(STOCKHOLM_KEY, "?since=" + next).json().get("Items");
        assertThat(changed).hasSize(1);
        assertThat(changed.get(0).get("ItemId").asString()).isEqualTo("TB400-NA-OS");
        assertThat(changed.get(0).get("Name").asString()).isEqualTo("Canvas Tote, \"Large\"");

        Http.Response csv = feed(STOCKHOLM_KEY, "?since=" + next + "&format=csv");
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        assertThat(csv.header("X-Kassa-Next")).isEqualTo(Long.toString(next + 1));
        assertThat(csv.body().split("\r\n")).hasSize(2);
        assertThat(csv.body()).startsWith("ItemId,Ean,Upc,Sku,Name,Variant,Size,Active,Price,Currency,TaxPercent,StockItemId\r\n")
                .contains("TB400-NA-OS," + item(1023).ean() + ",,TB400NAOS,\"Canvas Tote, \"\"Large\"\"\",");
    }

    @Test
    @Order(4)
    void theFeedNeedsAStoreKeyAndSaysWhichParameterIsWrong() {
        assertThat(Http.send("GET", base() + "/api/pos/items", Map.of(), null).status()).isEqualTo(401);
        Http.Response bad = feed(GOTEBORG_KEY, "?since=-1&limit=x&format=xml");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("\"since\"", "\"limit\"", "\"format\"");
        JsonNode page = feed(GOTEBORG_KEY, "?limit=10").json();
        assertThat(page.get("Items")).hasSize(10);
        assertThat(page.get("More").asBoolean()).isTrue();
        JsonNode rest = feed(GOTEBORG_KEY, "?limit=100&since=" + page.get("Next").asLong()).json();
        assertThat(rest.get("Items")).hasSize(21);
        assertThat(admin("POST", "/api/admin/catalogue/sync?country=dk", null).status()).isEqualTo(400);
    }

    private Http.Response feed(String key, String query) {
        return Http.send("GET", base() + "/api/pos/items" + query, Map.of("Authorization", "Bearer " + key), null);
    }

    /** Germany's endpoint goes through the proxy, which holds the fourth page until the test has looked. */
    @Test
    @Order(5)
    void progressIsVisibleWhileASyncRuns() throws Exception {
        java.util.concurrent.CountDownLatch held = PROXY.holdAfter("/products", 3);
        java.util.concurrent.CompletableFuture<CatalogueSync.Result> running =
                java.util.concurrent.CompletableFuture.supplyAsync(() -> catalogue.sync("de", true));
        try {
            assertThat(held.await(30, java.util.concurrent.TimeUnit.SECONDS)).as("the fourth page was asked for").isTrue();
            JsonNode de = null;
            for (JsonNode c : admin("GET", "/api/admin/catalogue", null).json().get("countries")) {
                if (c.get("country").asString().equals("de")) {
                    de = c;
                }
            }
            assertThat(de).isNotNull();
            assertThat(de.get("state").asString()).isEqualTo("running");
            assertThat(de.get("pages").asInt()).as("three pages of five are in").isEqualTo(3);
            assertThat(de.get("itemsSeen").asInt()).isEqualTo(15);
            assertThat(de.get("finishedAt").isNull()).isTrue();
        } finally {
            PROXY.release();
        }
        CatalogueSync.Result done = running.get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(done.pages()).isEqualTo(7);
        assertThat(done.seen()).isEqualTo(31);
        JsonNode de = admin("GET", "/api/admin/catalogue", null).json().get("countries");
        assertThat(de.toString()).contains("\"country\":\"de\",\"state\":\"idle\"");
    }
}
