package dev.kassa.centara.sandbox.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kassa.centara.sandbox.CentaraTest;
import dev.kassa.centara.sandbox.seed.DemoRetailer;
import dev.kassa.common.demo.DemoCatalogue;
import dev.kassa.common.testing.Http;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** PUT/GET /sandbox/state: atomic, every problem listed with its path, round-trips; the demo dataset. */
class DatasetTest extends CentaraTest {

    @Test
    void aDatasetRoundTripsAndABadOneChangesNothingAndListsEveryProblem() {
        putSampleRegistry();
        JsonNode before = state();
        assertThat(before.get("stores")).hasSize(2);
        assertThat(before.get("items").get(0).get("Barcodes").get(0).asString()).isEqualTo("5690000000017");
        putState(before.toString());
        assertThat(state()).isEqualTo(before);

        Http.Response bad = admin("PUT", "/sandbox/state", """
                {"auth": {"mode": "basic", "username": "u"},
                 "stores": [{"id": 1, "name": "A"}, {"id": 1, "name": "", "timeZone": "Mars/Olympus"}],
                 "customers": [{"CustomerId": "C1"}, {"CustomerId": "C1"}, {"CustomerId": "%s"}],
                 "items": [{"ItemId": "I1", "Description": "x", "Barcodes": ["123"]}, {"ItemId": "I2", "Barcodes": ["123"]}],
                 "tenders": [{"TenderCode": 1, "Name": "Cash"}, {"TenderCode": 1, "Name": "Card"}, {"Name": "?"}],
                 "infoCodes": [{"Id": ""}],
                 "transactionTarget": {"url": "ftp://example.com"}}""".formatted("C".repeat(25)));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("errors").findValues("field").stream().map(JsonNode::asString)).containsExactlyInAnyOrder(
                "auth.password", "stores[1].id", "stores[1].name", "stores[1].timeZone", "customers[1].CustomerId",
                "customers[2].CustomerId", "items[1].Description", "items[1].Barcodes[0]", "tenders[1].TenderCode",
                "tenders[2].TenderCode", "infoCodes[0].Id", "transactionTarget.url");
        assertThat(admin("PUT", "/sandbox/state", "{\"stores\": [{\"id\": 1, \"name\": \"A\", \"colour\": \"red\"}]}")
                .json().get("errors").get(0).get("field").asString()).isEqualTo("stores[0].colour");
        assertThat(state()).isEqualTo(before);
    }

    @Test
    void theDemoRetailersBarcodesAreTheCentraDemosEans() {
        putState(Http.JSON.writeValueAsString(DemoRetailer.dataset()));
        JsonNode items = state().get("items");
        long sizes = DemoCatalogue.variants().stream().mapToLong(v -> v.sizes().size()).sum();
        assertThat(items).hasSize((int) sizes);
        assertThat(items.findValues("Barcodes").stream().map(b -> b.get(0).asString()))
                .contains("7350000010015").allSatisfy(ean -> assertThat(ean).startsWith("735"));
        Http.Response order = Http.send("POST", base() + "/api/order",
                java.util.Map.of("Authorization", "Bearer " + DemoRetailer.API_TOKEN), """
                {"StoreId": 2, "ReferenceNumber": "1001", "Created": "2026-11-22T10:00:00",
                 "Items": [{"ItemId": "LS100-WH-S", "Quantity": 1, "Price": 599}],
                 "Payments": [{"Amount": 599, "TimeStamp": "2026-11-22T10:00:00", "TenderCode": 50}],
                 "InfoCodes": [{"Id": "CentraOrder", "Value": "1001"}]}""");
        assertThat(order.status()).as(order.body()).isEqualTo(200);
    }
}
