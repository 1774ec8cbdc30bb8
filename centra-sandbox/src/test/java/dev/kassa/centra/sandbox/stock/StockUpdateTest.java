package dev.kassa.centra.sandbox.stock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kassa.centra.sandbox.Datasets;
import dev.kassa.centra.sandbox.SandboxTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class StockUpdateTest extends SandboxTest {

    @BeforeEach
    void load() {
        putState(Datasets.GOLDEN);
    }

    private Response update(String uri, String secret, String body) {
        Response r = orderApi("POST", "/api/" + uri + "/stock", secret, body);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r;
    }

    @Test
    void stockUpdateBelowAllocatedIsRaisedToAllocatedAndStillAnswersOk() {
        // allocated 7, set 3 -> physical 7, available 0, status ok (the seeds' clamp)
        Response r = update("order-api", "s3cret", "{\"products\":[{\"product\":\"5901144123590\",\"quantity\":3}]}");
        assertThat(r.json().get("status").asString()).isEqualTo("ok");
        assertThat(stockOf("order-api", "s3cret", "5901144123590")).containsExactly(7, 7, 0);
    }

    @Test
    void clampIsReportedToTheAdminAddressWhenTheInstanceHasOne() {
        update("sweden", "se-secret", "{\"products\":[{\"product\":\"5901144123590\",\"quantity\":0}]}");
        JsonNode notes = admin("GET", "/sandbox/notifications", null).json();
        assertThat(notes).hasSize(1);
        assertThat(notes.get(0).get("email").asString()).isEqualTo("stock@example.com");
        assertThat(notes.get(0).get("body").asString()).contains("5901144123590", "asked 0", "kept 7");
        update("order-api", "s3cret", "{\"products\":[{\"product\":\"5901144123590\",\"quantity\":0}]}");
        assertThat(admin("GET", "/sandbox/notifications", null).json()).as("instance without address").hasSize(1);
    }

    @Test
    void itemsAreFoundByEanUpcAndConcatenatedSku() {
        update("order-api", "s3cret", """
                {"products":[{"product":"012345678905","quantity":300},
                             {"product":"POSBLUL","quantity":11}]}""");
        assertThat(stockOf("order-api", "s3cret", "5901144123590")[0]).as("by UPC").isEqualTo(300);
        assertThat(stockOf("order-api", "s3cret", "5901144123606")[0]).as("by sku+variantSku+sizeSku").isEqualTo(11);
    }

    @Test
    void eanWinsWhenAnIdentifierIsAlsoAnotherItemsConcatenatedSku() {
        // Item 116's full SKU is "123999"; give item 202 the EAN "123999" and the EAN must win.
        putState(Datasets.GOLDEN.replace("\"ean\": \"5901144123606\"", "\"ean\": \"123999\""));
        update("order-api", "s3cret", "{\"products\":[{\"product\":\"123999\",\"quantity\":77}]}");
        assertThat(stockOf("order-api", "s3cret", "123999")[0]).isEqualTo(77);
        assertThat(stockOf("order-api", "s3cret", "1233421127")[0]).isEqualTo(53);
    }

    @Test
    void lenientTypesAreAccepted() {
        update("order-api", "s3cret", """
                {"products":[{"product":5901144123590,"quantity":"450"},
                             {"product":"5901144123606","quantity":12.0}]}""");
        assertThat(stockOf("order-api", "s3cret", "5901144123590")[0]).isEqualTo(450);
        assertThat(stockOf("order-api", "s3cret", "5901144123606")[0]).isEqualTo(12);
    }

    @Test
    void laterLinesForTheSameItemWin() {
        update("order-api", "s3cret", """
                {"products":[{"product":"5901144123590","quantity":100},
                             {"product":"POSBLUM","quantity":90}]}""");
        assertThat(stockOf("order-api", "s3cret", "5901144123590")[0]).isEqualTo(90);
    }

    @Test
    void onlyThePrimaryWarehouseOfTheInstanceIsWritten() {
        update("with-outlet", "wo-secret", "{\"products\":[{\"product\":\"5901144123590\",\"quantity\":20}]}");
        assertThat(stockOf("order-api", "s3cret", "5901144123590")).as("central untouched").containsExactly(499, 7, 492);
    }

    @Test
    void stockIsSummedOverPrimaryAndVirtualWarehousesAndARiseGoesToThePrimary() {
        // primary (2): 10/2, virtual (3): 5/1 -> 15/3/12
        assertThat(stockOf("with-outlet", "wo-secret", "5901144123590")).containsExactly(15, 3, 12);
        update("with-outlet", "wo-secret", "{\"products\":[{\"product\":\"5901144123590\",\"quantity\":25}]}");
        assertThat(stockOf("with-outlet", "wo-secret", "5901144123590")).containsExactly(25, 3, 22);
        assertThat(warehouseStock(201, 3)).as("virtual never increased").containsExactly(5, 1);
        assertThat(warehouseStock(201, 2)).containsExactly(20, 2);
    }

    @Test
    void aFallEmptiesThePrimaryBeforeTouchingAVirtualWarehouse() {
        update("with-outlet", "wo-secret", "{\"products\":[{\"product\":\"5901144123590\",\"quantity\":4}]}");
        assertThat(warehouseStock(201, 2)).as("primary down to its allocated").containsExactly(2, 2);
        assertThat(warehouseStock(201, 3)).as("virtual gives the rest").containsExactly(2, 1);
        update("with-outlet", "wo-secret", "{\"products\":[{\"product\":\"5901144123590\",\"quantity\":0}]}");
        assertThat(stockOf("with-outlet", "wo-secret", "5901144123590")).as("clamped at total allocated").containsExactly(3, 3, 0);
    }

    @Test
    void ftaModeSetsAvailableStock() {
        update("fta", "fta-secret", "{\"products\":[{\"product\":\"5901144123590\",\"quantity\":10}]}");
        assertThat(stockOf("order-api", "s3cret", "5901144123590")).containsExactly(17, 7, 10);
    }

    @Test
    void costPriceIsStoredAndReturnedByInstancesThatReturnCostPrice() {
        update("order-api", "s3cret", """
                {"products":[{"product":"5901144123590","quantity":499,"costPrice":"12.54","costPriceCurrency":"SEK"}]}""");
        JsonNode p = getOk("/api/sweden/products?ean=5901144123590", "se-secret").get("products").get(0);
        assertThat(p.get("costPrice").decimalValue()).isEqualByComparingTo("12.54");
        assertThat(p.get("costPriceCurrency").asString()).isEqualTo("SEK");
        JsonNode plain = getOk("/api/order-api/products?ean=5901144123590", "s3cret").get("products").get(0);
        assertThat(plain.has("costPrice")).as("instance without returnCostPrice").isFalse();
    }

    @Test
    void aStockItemWithoutARowInThePrimaryWarehouseGetsOne() {
        update("with-outlet", "wo-secret", "{\"products\":[{\"product\":\"5901144123606\",\"quantity\":6}]}");
        assertThat(warehouseStock(202, 2)).containsExactly(6, 0);
    }

    @Test
    void stockModifiedFiltersItemsWhoseStockChangedAfterTheGivenTime() {
        String clock = admin("POST", "/sandbox/clock/advance", "{\"seconds\": 3600}").json().get("local").asString();
        assertThat(getOk("/api/order-api/stock?stock_modified=" + clock.replace(' ', '+'), "s3cret").get("products")).isEmpty();
        admin("POST", "/sandbox/clock/advance", "{\"seconds\": 60}");
        update("order-api", "s3cret", "{\"products\":[{\"product\":\"5901144123606\",\"quantity\":19}]}");
        JsonNode changed = getOk("/api/order-api/stock?stock_modified=" + clock.replace(' ', '+'), "s3cret").get("products");
        assertThat(changed).hasSize(1);
        assertThat(changed.get(0).get("ean").asString()).isEqualTo("5901144123606");
    }

    @Test
    void anEmptyProductListIsOk() {
        assertThat(update("order-api", "s3cret", "{\"products\":[]}").json().get("status").asString()).isEqualTo("ok");
    }

    @Test
    void bodiesAreReadAsJsonWhateverTheContentTypeSays() throws Exception {
        // curl -d without -H 'Content-Type: application/json' sends a form content type.
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(base() + "/api/order-api/stock?sku=x"))
                .header("API-Authorization", "s3cret").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                        "{\"products\":[{\"product\":\"5901144123590\",\"quantity\":480}]}")).build();
        var response = java.net.http.HttpClient.newHttpClient().send(request,
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.body()).isEqualTo("{\"status\":\"ok\"}");
        assertThat(stockOf("order-api", "s3cret", "5901144123590")[0]).isEqualTo(480);
        var put = java.net.http.HttpRequest.newBuilder(java.net.URI.create(base() + "/sandbox/state"))
                .header("Authorization", "Bearer " + ADMIN_TOKEN).header("Content-Type", "application/x-www-form-urlencoded")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(Datasets.GOLDEN)).build();
        assertThat(java.net.http.HttpClient.newHttpClient().send(put, java.net.http.HttpResponse.BodyHandlers.ofString())
                .statusCode()).isEqualTo(200);
        assertThat(stockOf("order-api", "s3cret", "5901144123590")[0]).isEqualTo(499);
    }

    private int[] warehouseStock(long stockItemId, long warehouse) {
        for (JsonNode product : state().get("products")) {
            for (JsonNode variant : product.get("variants")) {
                for (JsonNode size : variant.get("sizes")) {
                    if (size.get("stockItemId").asLong() == stockItemId) {
                        for (JsonNode s : size.get("stock")) {
                            if (s.get("warehouse").asLong() == warehouse) {
                                return new int[]{s.get("physical").asInt(), s.get("allocated").asInt()};
                            }
                        }
                        return new int[]{0, 0};
                    }
                }
            }
        }
        throw new AssertionError("no stock item " + stockItemId);
    }
}
