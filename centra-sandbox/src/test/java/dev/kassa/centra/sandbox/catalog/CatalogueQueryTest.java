package dev.kassa.centra.sandbox.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kassa.centra.sandbox.SandboxTest;
import dev.kassa.centra.sandbox.seed.DemoRetailer;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** GET products / GET stock filters, paging and plugin-setting effects, on the demo retailer. */
class CatalogueQueryTest extends SandboxTest {

    private static final java.time.format.DateTimeFormatter CENTRA_TIME =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private static final String SE = "demo-se-secret";

    @BeforeEach
    void load() {
        putState(DemoRetailer.dataset());
    }

    private JsonNode products(String query) {
        return getOk("/api/order-api-se/products" + query, SE).get("products");
    }

    private static List<Long> ids(JsonNode products) {
        List<Long> ids = new ArrayList<>();
        products.forEach(p -> ids.add(p.get("stockItemId").asLong()));
        return ids;
    }

    @Test
    void everyFilterNarrowsTheList() {
        assertThat(products("")).hasSize(31);
        assertThat(ids(products("?sku=WS200"))).containsExactly(1009L, 1010L, 1011L, 1012L, 1013L, 1014L);
        assertThat(ids(products("?ean=7350000010015"))).containsExactly(1001L);
        assertThat(ids(products("?productId=4"))).containsExactly(1023L);
        assertThat(ids(products("?variantId=102"))).containsExactly(1005L, 1006L, 1007L, 1008L);
        assertThat(ids(products("?stockItemId=1030"))).containsExactly(1030L);
        assertThat(products("?created=2026-01-16")).isEmpty();
        assertThat(products("?created=2026-01-15")).hasSize(31);
        assertThat(products("?modified=2026-01-15+09:00:00")).as("modified after, not at").isEmpty();
        assertThat(ids(products("?sku=WS200&variantId=104"))).containsExactly(1012L, 1013L, 1014L);
    }

    @Test
    void pagesFollowStockItemIdWithNextAndPreviousOnlyWhereSuchAPageExists() {
        JsonNode first = getOk("/api/order-api-se/products/?limit=10", SE);
        assertThat(ids(first.get("products"))).startsWith(1001L).hasSize(10);
        assertThat(first.has("previous")).isFalse();
        assertThat(first.get("next").asString()).isEqualTo("?limit=10&page=2");
        List<Long> all = new ArrayList<>(ids(first.get("products")));
        String next = first.get("next").asString();
        while (next != null) {
            JsonNode page = getOk("/api/order-api-se/products/" + next, SE);
            all.addAll(ids(page.get("products")));
            assertThat(page.get("previous")).isNotNull();
            next = page.has("next") ? page.get("next").asString() : null;
        }
        assertThat(all).hasSize(31).isSorted().doesNotHaveDuplicates();
        JsonNode last = getOk("/api/order-api-se/products?limit=10&page=4", SE);
        assertThat(last.get("products")).hasSize(1);
        assertThat(last.has("next")).isFalse();
        assertThat(last.get("previous").asString()).isEqualTo("?limit=10&page=3");
        JsonNode beyond = getOk("/api/order-api-se/products?limit=10&page=9", SE);
        assertThat(beyond.get("products")).isEmpty();
    }

    @Test
    void limitIsCappedAtOneThousand() {
        JsonNode r = getOk("/api/order-api-se/stock?limit=5000&page=2", SE);
        assertThat(r.get("previous").asString()).isEqualTo("?limit=1000&page=1");
    }

    @Test
    void pricesCarryTheTaxOfTheInstancesCountryAndOnlyItsMarketsPricelists() {
        JsonNode se = products("?ean=7350000010015").get(0).get("prices");
        assertThat(se).hasSize(1);
        assertThat(se.get(0).get("pricelist").asString()).isEqualTo("SEK");
        assertThat(se.get(0).get("price").decimalValue()).isEqualByComparingTo("599");
        assertThat(se.get(0).get("priceExTax").decimalValue()).isEqualByComparingTo("479.20");
        assertThat(se.get(0).get("taxPercent").decimalValue()).isEqualByComparingTo("25");
        JsonNode de = getOk("/api/order-api-de/products?ean=7350000010015", "demo-de-secret")
                .get("products").get(0).get("prices");
        assertThat(de).hasSize(1);
        assertThat(de.get(0).get("currency").asString()).isEqualTo("EUR");
        assertThat(de.get(0).get("price").decimalValue()).isEqualByComparingTo("59");
        assertThat(de.get(0).get("taxPercent").decimalValue()).isEqualByComparingTo("19");
    }

    @Test
    void campaignsShowOnlyWhileTheSandboxClockIsInsideTheirWindow() {
        // LocalDateTime.toString() drops ":00" seconds, so the window is written with an explicit pattern.
        String now = admin("GET", "/sandbox/clock", null).json().get("local").asString();
        LocalDateTime start = LocalDateTime.parse(now.replace(' ', 'T')).plusHours(1);
        String dataset = JSON.writeValueAsString(DemoRetailer.dataset())
                .replace("\"startsAt\":\"2026-11-01 00:00:00\"", "\"startsAt\":\"" + CENTRA_TIME.format(start) + "\"")
                .replace("\"endsAt\":\"2027-03-01 00:00:00\"", "\"endsAt\":\"" + CENTRA_TIME.format(start.plusDays(1)) + "\"");
        putState(dataset);
        assertThat(products("?sku=WS200").get(0).get("prices").get(0).get("campaigns")).isEmpty();
        admin("POST", "/sandbox/clock/advance", "{\"seconds\": 7200}");
        JsonNode campaign = products("?sku=WS200").get(0).get("prices").get(0).get("campaigns").get(0);
        assertThat(campaign.get("campaign").asString()).isEqualTo("Winter sale");
        assertThat(campaign.get("price").decimalValue()).as("campaign price with tax").isEqualByComparingTo("839");
    }

    @Test
    void stockOfAShopEndpointIsThatShopsWarehouse() {
        JsonNode stock = getOk("/api/store-stockholm/stock?ean=7350000010015", "demo-stockholm-secret")
                .get("products").get(0);
        assertThat(stock.get("physicalStock").asInt()).isEqualTo((int) (1001 * 5 % 7));
        assertThat(stock.get("allocatedStock").asInt()).isZero();
    }

    @Test
    void excludePhysicalStockOmitsItAndIncludeAttributesAddsThem() {
        JsonNode p = getOk("/api/order-api-se/stock?ean=7350000010015&exclude=physicalStock&include=attributes", SE)
                .get("products").get(0);
        assertThat(p.has("physicalStock")).isFalse();
        assertThat(p.has("availableStock")).isTrue();
        assertThat(p.get("attributes").get("material").asString()).isEqualTo("Linen");
        assertThat(products("?ean=7350000010015").get(0).has("attributes")).isFalse();
    }
}
