package dev.kassa.centra.sandbox;

import dev.kassa.common.testing.SharedFixtures;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The documented requests of the seeds and spec/fixtures give the documented responses. */
class GoldenFixturesTest extends SandboxTest {

    @BeforeEach
    void load() {
        putState(Datasets.GOLDEN);
    }

    @Test
    void getProductsByEanAnswersExactlyTheDocumentedExample() {
        JsonNode actual = getOk("/api/order-api/products/?ean=1233421127", "s3cret");
        JsonNode expected = JSON.readTree(fixture("centra-products-response.json"));
        assertThat(actual).isEqualTo(expected);
        assertThat(fieldNames(actual.get("products").get(0))).isEqualTo(fieldNames(expected.get("products").get(0)));
    }

    @Test
    void getStockByEanAnswersExactlyTheDocumentedExample() {
        JsonNode actual = getOk("/api/order-api/stock/?ean=1233421127", "s3cret");
        JsonNode expected = JSON.readTree(fixture("centra-stock-response.json"));
        assertThat(actual).isEqualTo(expected);
        assertThat(fieldNames(actual.get("products").get(0))).isEqualTo(fieldNames(expected.get("products").get(0)));
    }

    @Test
    void theSeedsSaleOfFiveFrom499Leaves494() {
        assertThat(stockOf("order-api", "s3cret", "5901144123590")).containsExactly(499, 7, 492);
        Response r = orderApi("POST", "/api/order-api/stock/", "s3cret", fixture("centra-stock-update-request.json"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json()).isEqualTo(JSON.readTree("{\"status\":\"ok\"}"));
        assertThat(stockOf("order-api", "s3cret", "5901144123590")).containsExactly(494, 7, 487);
    }

    @Test
    void unknownItemsGiveTheDocumentedErrorAndKnownOnesAreStillApplied() {
        String body = """
                {"products": [{"product": "9876543210123", "quantity": 1},
                              {"product": "5901144123590", "quantity": 400},
                              {"product": "5432167890123", "quantity": 2}]}""";
        Response r = orderApi("POST", "/api/order-api/stock", "s3cret", body);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json()).isEqualTo(JSON.readTree(fixture("centra-stock-update-error.json")));
        assertThat(stockOf("order-api", "s3cret", "5901144123590")).containsExactly(400, 7, 393);
    }

    @Test
    void fixtureCopiesMatchTheSharedSpecWhenItIsBesideTheRepository() {
        SharedFixtures.assertCopiesMatchTheSharedSpec();
    }

    private static List<String> fieldNames(JsonNode node) {
        return new ArrayList<>(node.propertyNames());
    }
}
