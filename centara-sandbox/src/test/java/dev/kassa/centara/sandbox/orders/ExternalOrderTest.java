package dev.kassa.centara.sandbox.orders;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kassa.centara.sandbox.CentaraTest;
import dev.kassa.common.testing.Http;
import dev.kassa.common.testing.SharedFixtures;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** POST and GET api/order over HTTP as the spec describes them (A, B.1-B.7). */
class ExternalOrderTest extends CentaraTest {

    @BeforeEach
    void registry() {
        putSampleRegistry();
    }

    @Test
    void theSeedsSampleOrderIsCreatedAndFoundByIdAndByReference() {
        Http.Response posted = api("POST", "/api/order", fixture("centara-order-sample.json"));
        assertThat(posted.status()).as(posted.body()).isEqualTo(200);
        String orderId = posted.json().get("OrderId").asString();
        assertThat(orderId).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

        JsonNode byId = api("GET", "/api/order/" + orderId, null).json();
        JsonNode byReference = api("GET", "/api/order/SHOPIFY-0001", null).json();
        assertThat(byReference).isEqualTo(byId);
        assertThat(byId.get("OrderId").asString()).isEqualTo(orderId);
        assertThat(byId.get("Status").asInt()).as("4210 paid = 3 x 70 + 4000").isEqualTo(3);
        assertThat(byId.get("Flags").asInt()).isZero();
        assertThat(byId.get("StoreId").asInt()).isEqualTo(1);
        assertThat(byId.get("Created").asString()).isEqualTo("2017-10-31T15:30:24Z");
        assertThat(byId.get("Items").get(0).get("Price").isNumber()).as("\"70\" is read as a number").isTrue();
        assertThat(byId.get("Items").get(0).get("Price").decimalValue()).isEqualByComparingTo("70");
        assertThat(byId.get("Payments").get(0).get("TenderCode").asInt()).isEqualTo(10);
        JsonNode codes = byId.get("InfoCodes");
        assertThat(codes.get(1).get("Id").asString()).isEqualTo("Skóstærð");
        assertThat(codes.get(1).get("Description").asString()).as("filled in from the registry").isEqualTo("Shoe size");
        assertThat(codes.get(0).get("Description").asString()).isEqualTo("National id");
        assertThat(byId.propertyNames()).containsSubsequence("OrderId", "StoreId", "Created", "DueAt",
                "ReferenceNumber", "Language", "Notes", "Status", "Flags", "Customer", "LoyaltyInstrument", "Items",
                "Payments", "InfoCodes");
        assertThat(byId.get("Customer").get("LastName").asString()).isEqualTo("Kristmannsson");
    }

    @Test
    void propertyNamesAreCaseInsensitiveAndDatesWithoutOffsetAreTheStoresLocalTime() {
        Http.Response r = api("POST", "/api/order", """
                {"storeid": "2", "CREATED": "2026-07-01T12:00:00", "dueAt": "2026-07-03",
                 "items": [{"itemid": "12269319", "QUANTITY": "1.5", "price": 10, "discount": "1",
                            "linkeditems": [{"ItemId": "12278428", "Quantity": 1, "Price": "2"}]}],
                 "payments": [{"amount": "5", "timestamp": "2026-07-01T12:00:00+02:00", "tendercode": 50}],
                 "unknownThing": {"ignored": true}}""");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode o = api("GET", "/api/order/" + r.json().get("OrderId").asString(), null).json();
        assertThat(o.get("StoreId").asInt()).isEqualTo(2);
        assertThat(o.get("Created").asString()).as("Stockholm in summer").isEqualTo("2026-07-01T12:00:00+02:00");
        assertThat(o.get("DueAt").asString()).isEqualTo("2026-07-03T00:00:00+02:00");
        assertThat(o.get("Items").get(0).get("LinkedItems").get(0).get("ItemId").asString()).isEqualTo("12278428");
        // due = 1.5 x 10 - 1 + 1 x 2 = 16, paid 5: partly paid
        assertThat(o.get("Status").asInt()).isEqualTo(2);
        assertThat(o.get("Flags").asInt()).isEqualTo(15);
        assertThat(o.has("unknownThing")).isFalse();
    }

    @Test
    void anOrderWithoutPaymentsIsUnpaid() {
        Http.Response r = api("POST", "/api/order", """
                {"StoreId": 1, "Created": "2026-01-01T10:00:00Z", "Items": [{"ItemId": "12269319", "Quantity": 1, "Price": 70}]}""");
        JsonNode o = api("GET", "/api/order/" + r.json().get("OrderId").asString(), null).json();
        assertThat(o.get("Status").asInt()).isEqualTo(1);
        assertThat(o.get("Flags").asInt()).isZero();
    }

    @Test
    void aSecondOrderWithTheSameReferenceIsAConflictNamingTheFirst() {
        String first = api("POST", "/api/order", fixture("centara-order-sample.json")).json().get("OrderId").asString();
        Http.Response again = api("POST", "/api/order", fixture("centara-order-sample.json").replace("\"Quantity\": 3", "\"Quantity\": 9"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.header("Content-Type")).startsWith("application/problem+json");
        assertThat(again.json().get("OrderId").asString()).isEqualTo(first);
        assertThat(state().get("activity").get("orders")).hasSize(1);
        assertThat(api("GET", "/api/order/SHOPIFY-0001", null).json().get("Items").get(0).get("Quantity").asInt()).isEqualTo(3);
    }

    @Test
    void aBlankReferenceIsNoReference() {
        String blank = fixture("centara-order-sample.json").replace("\"SHOPIFY-0001\"", "\" \"");
        assertThat(api("POST", "/api/order", blank).status()).isEqualTo(200);
        assertThat(api("POST", "/api/order", blank).status()).as("not a duplicate").isEqualTo(200);
        assertThat(state().get("activity").get("orders").findValues("referenceNumber"))
                .allSatisfy(r -> assertThat(r.isNull()).isTrue());
    }

    @Test
    void unknownOrdersAre404() {
        assertThat(api("GET", "/api/order/00000000-0000-0000-0000-000000000000", null).status()).isEqualTo(404);
        assertThat(api("GET", "/api/order/NOPE-1", null).status()).isEqualTo(404);
    }

    @Test
    void requestsThatAreNotAnOrderAreRefusedBeforeValidation() {
        assertThat(api("POST", "/api/order", "{\"StoreId\": ").status()).isEqualTo(400);
        Http.Response form = Http.send("POST", base() + "/api/order",
                Map.of("Authorization", "Bearer " + API_TOKEN, "Content-Type", "text/plain"), "{}");
        assertThat(form.status()).isEqualTo(415);
        String huge = "{\"Notes\": \"" + "x".repeat(1024 * 1024) + "\"}";
        assertThat(api("POST", "/api/order", huge).status()).isEqualTo(413);
        assertThat(api("POST", "/api/order", "[]").status()).isEqualTo(400);
        assertThat(state().get("activity").get("orders")).isEmpty();
    }

    @Test
    void authenticationFollowsTheConfiguredMode() {
        String sample = fixture("centara-order-sample.json");
        Http.Response none = Http.send("POST", base() + "/api/order", Map.of(), sample);
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(Http.send("GET", base() + "/api/order/x", Map.of("Authorization", "Bearer wrong"), null).status())
                .isEqualTo(401);

        putState(SAMPLE_REGISTRY.replace("{\"mode\": \"bearer\", \"token\": \"centara-token\"}",
                "{\"mode\": \"basic\", \"username\": \"web\", \"password\": \"pässword\"}").formatted(""));
        String basic = "Basic " + Base64.getEncoder().encodeToString("web:pässword".getBytes(StandardCharsets.UTF_8));
        assertThat(Http.send("POST", base() + "/api/order", Map.of("Authorization", basic), sample).status()).isEqualTo(200);
        String wrong = "Basic " + Base64.getEncoder().encodeToString("web:password".getBytes(StandardCharsets.UTF_8));
        Http.Response refused = Http.send("GET", base() + "/api/order/SHOPIFY-0001", Map.of("Authorization", wrong), null);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.header("WWW-Authenticate")).startsWith("Basic");

        putState(SAMPLE_REGISTRY.replace("{\"mode\": \"bearer\", \"token\": \"centara-token\"}", "{\"mode\": \"none\"}")
                .formatted(""));
        assertThat(Http.send("POST", base() + "/api/order", Map.of(), sample).status()).isEqualTo(200);
    }

    @Test
    void theSampleIsACopyOfTheSharedFixture() {
        SharedFixtures.assertCopiesMatchTheSharedSpec();
    }

    @Test
    void aSitePrefixAsOnHostedInstancesWorksToo() {
        Http.Response r = api("POST", "/mysite/api/order", fixture("centara-order-sample.json"));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(api("GET", "/mysite/api/order/SHOPIFY-0001", null).status()).isEqualTo(200);
    }
}
