package dev.kassa.centara.sandbox.orders;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kassa.centara.sandbox.CentaraTest;
import dev.kassa.common.testing.Http;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One broken order per validation rule of spec A and B.4, each checked for a 400 problem naming the
 * field path, and for the database being exactly as before; then one order breaking many rules at once
 * gets them all in one answer.
 */
class OrderValidationTest extends CentaraTest {

    private record Case(String rule, String path, String message, java.util.function.Consumer<ObjectNode> breakIt) {
    }

    @BeforeEach
    void registry() {
        putSampleRegistry();
    }

    /** The sample order plus a linked item, a payment authorisation, payment info codes and an address. */
    private static ObjectNode valid() {
        ObjectNode o = (ObjectNode) Http.JSON.readTree(fixture("centara-order-sample.json"));
        ((ObjectNode) o.get("Items").get(0)).putArray("LinkedItems").addObject()
                .put("ItemId", "12278428").put("Quantity", 1).put("Price", 0);
        ObjectNode payment = (ObjectNode) o.get("Payments").get(0);
        payment.putObject("Authorization").put("TransactionDateTime", "2017-10-31T15:28:24Z")
                .put("AuthorisationCode", "123456").put("Provider", "Adyen");
        payment.putArray("InfoCodes").addObject().put("Id", "Kennitala").put("Value", "0408695069");
        ((ObjectNode) o.get("Customer")).putArray("Addresses").addObject().put("CustomerId", "0001-01564")
                .put("AddressTypeId", 1).putObject("Address").put("Address", "Laugavegur 1").put("Country", "IS");
        o.putObject("LoyaltyInstrument").put("InstrumentId", "L-1");
        return o;
    }

    private static ObjectNode item(ObjectNode o, int i) {
        return (ObjectNode) o.get("Items").get(i);
    }

    private static ObjectNode linked(ObjectNode o) {
        return (ObjectNode) item(o, 0).get("LinkedItems").get(0);
    }

    private static ObjectNode payment(ObjectNode o) {
        return (ObjectNode) o.get("Payments").get(0);
    }

    private static ObjectNode customer(ObjectNode o) {
        return (ObjectNode) o.get("Customer");
    }

    private static List<Case> cases() {
        List<Case> c = new ArrayList<>();
        c.add(new Case("StoreId required", "StoreId", "is required", o -> o.remove("StoreId")));
        c.add(new Case("StoreId a whole number", "StoreId", "must be a whole number", o -> o.put("StoreId", "1.5")));
        c.add(new Case("StoreId a number", "StoreId", "must be a number", o -> o.put("StoreId", "one")));
        c.add(new Case("store must exist", "StoreId", "store 7 does not exist", o -> o.put("StoreId", 7)));
        c.add(new Case("Created required", "Created", "is required", o -> o.remove("Created")));
        c.add(new Case("Created a date", "Created", "is not an ISO-8601 date-time", o -> o.put("Created", "31/10/2017")));
        c.add(new Case("Created a string", "Created", "must be an ISO-8601", o -> o.put("Created", 20171031)));
        c.add(new Case("DueAt a date", "DueAt", "is not an ISO-8601 date-time", o -> o.put("DueAt", "tomorrow")));
        c.add(new Case("ReferenceNumber at most 20", "ReferenceNumber", "at most 20 characters",
                o -> o.put("ReferenceNumber", "R".repeat(21))));
        c.add(new Case("Language at most 3", "Language", "at most 3 characters", o -> o.put("Language", "isl-IS")));
        c.add(new Case("Notes a string", "Notes", "must be a string", o -> o.putObject("Notes")));
        c.add(new Case("Customer an object", "Customer", "must be an object", o -> o.put("Customer", "0001-01564")));
        c.add(new Case("CustomerId required", "Customer.CustomerId", "is required", o -> customer(o).remove("CustomerId")));
        c.add(new Case("customer must exist", "Customer.CustomerId", "customer '0009-99999' does not exist",
                o -> customer(o).put("CustomerId", "0009-99999")));
        c.add(new Case("CustomerId at most 24", "Customer.CustomerId", "at most 24",
                o -> customer(o).put("CustomerId", "C".repeat(25))));
        c.add(new Case("ExternalId at most 24", "Customer.ExternalId", "at most 24",
                o -> customer(o).put("ExternalId", "E".repeat(25))));
        c.add(new Case("Title at most 10", "Customer.Title", "at most 10", o -> customer(o).put("Title", "Honourable Sir")));
        c.add(new Case("FirstName at most 64", "Customer.FirstName", "at most 64", o -> customer(o).put("FirstName", "B".repeat(65))));
        c.add(new Case("MiddleNames at most 64", "Customer.MiddleNames", "at most 64",
                o -> customer(o).put("MiddleNames", "M".repeat(65))));
        c.add(new Case("LastName at most 64", "Customer.LastName", "at most 64", o -> customer(o).put("LastName", "K".repeat(65))));
        c.add(new Case("EmailAddress at most 128", "Customer.EmailAddress", "at most 128",
                o -> customer(o).put("EmailAddress", "e".repeat(120) + "@example.com")));
        c.add(new Case("PhoneHome at most 32", "Customer.PhoneHome", "at most 32", o -> customer(o).put("PhoneHome", "1".repeat(33))));
        c.add(new Case("PhoneMobile at most 32", "Customer.PhoneMobile", "at most 32",
                o -> customer(o).put("PhoneMobile", "1".repeat(33))));
        c.add(new Case("Addresses an array", "Customer.Addresses", "must be an array", o -> customer(o).put("Addresses", "x")));
        c.add(new Case("AddressTypeId a number", "Customer.Addresses[0].AddressTypeId", "must be a number",
                o -> ((ObjectNode) customer(o).get("Addresses").get(0)).put("AddressTypeId", "home")));
        c.add(new Case("Address at most 512", "Customer.Addresses[0].Address.Address", "at most 512",
                o -> ((ObjectNode) customer(o).get("Addresses").get(0).get("Address")).put("Address", "a".repeat(513))));
        c.add(new Case("PostalAddress at most 128", "Customer.Addresses[0].Address.PostalAddress", "at most 128",
                o -> ((ObjectNode) customer(o).get("Addresses").get(0).get("Address")).put("PostalAddress", "p".repeat(129))));
        c.add(new Case("Country at most 64", "Customer.Addresses[0].Address.Country", "at most 64",
                o -> ((ObjectNode) customer(o).get("Addresses").get(0).get("Address")).put("Country", "c".repeat(65))));
        c.add(new Case("InstrumentId at most 20", "LoyaltyInstrument.InstrumentId", "at most 20",
                o -> ((ObjectNode) o.get("LoyaltyInstrument")).put("InstrumentId", "L".repeat(21))));
        c.add(new Case("Items required", "Items", "is required", o -> o.remove("Items")));
        c.add(new Case("Items not empty", "Items", "at least one item", o -> o.putArray("Items")));
        c.add(new Case("Items an array", "Items", "must be an array", o -> o.putObject("Items")));
        c.add(new Case("an item is an object", "Items[1]", "must be an object", o -> ((ArrayNode) o.get("Items")).set(1, 5)));
        c.add(new Case("ItemId required", "Items[1].ItemId", "is required", o -> item(o, 1).remove("ItemId")));
        c.add(new Case("item must exist", "Items[1].ItemId", "item '99999999' does not exist",
                o -> item(o, 1).put("ItemId", "99999999")));
        c.add(new Case("ItemId at most 24", "Items[1].ItemId", "at most 24", o -> item(o, 1).put("ItemId", "9".repeat(25))));
        c.add(new Case("Quantity required", "Items[0].Quantity", "is required", o -> item(o, 0).remove("Quantity")));
        c.add(new Case("Quantity above zero", "Items[0].Quantity", "must be more than 0", o -> item(o, 0).put("Quantity", 0)));
        c.add(new Case("Quantity not negative", "Items[0].Quantity", "must be more than 0", o -> item(o, 0).put("Quantity", -2)));
        c.add(new Case("Quantity a number", "Items[0].Quantity", "must be a number", o -> item(o, 0).put("Quantity", "three")));
        c.add(new Case("Price required", "Items[0].Price", "is required", o -> item(o, 0).remove("Price")));
        c.add(new Case("Price not negative", "Items[0].Price", "must not be negative", o -> item(o, 0).put("Price", "-70")));
        c.add(new Case("Discount not negative", "Items[0].Discount", "must not be negative", o -> item(o, 0).put("Discount", -1)));
        c.add(new Case("OriginalPrice a number", "Items[0].OriginalPrice", "must be a number",
                o -> item(o, 0).put("OriginalPrice", true)));
        c.add(new Case("item Description at most 80", "Items[0].Description", "at most 80",
                o -> item(o, 0).put("Description", "d".repeat(81))));
        c.add(new Case("LinkedItems an array", "Items[0].LinkedItems", "must be an array", o -> item(o, 0).put("LinkedItems", 1)));
        c.add(new Case("linked item must exist", "Items[0].LinkedItems[0].ItemId", "item 'X1' does not exist",
                o -> linked(o).put("ItemId", "X1")));
        c.add(new Case("linked item quantity above zero", "Items[0].LinkedItems[0].Quantity", "must be more than 0",
                o -> linked(o).put("Quantity", 0)));
        c.add(new Case("linked item price required", "Items[0].LinkedItems[0].Price", "is required", o -> linked(o).remove("Price")));
        c.add(new Case("linked items one level only", "Items[0].LinkedItems[0].LinkedItems", "one level only",
                o -> linked(o).putArray("LinkedItems").addObject().put("ItemId", "12269319").put("Quantity", 1).put("Price", 1)));
        c.add(new Case("Payments an array", "Payments", "must be an array", o -> o.put("Payments", 4210)));
        c.add(new Case("Amount required", "Payments[0].Amount", "is required", o -> payment(o).remove("Amount")));
        c.add(new Case("Amount not negative", "Payments[0].Amount", "must not be negative", o -> payment(o).put("Amount", -5)));
        c.add(new Case("TimeStamp required", "Payments[0].TimeStamp", "is required", o -> payment(o).remove("TimeStamp")));
        c.add(new Case("TenderCode required", "Payments[0].TenderCode", "is required", o -> payment(o).remove("TenderCode")));
        c.add(new Case("tender must exist", "Payments[0].TenderCode", "tender 11 does not exist", o -> payment(o).put("TenderCode", "11")));
        c.add(new Case("payment Description at most 20", "Payments[0].Description", "at most 20",
                o -> payment(o).put("Description", "peningar og meira en tuttugu")));
        c.add(new Case("Authorization an object", "Payments[0].Authorization", "must be an object",
                o -> payment(o).put("Authorization", "123456")));
        c.add(new Case("TransactionDateTime required", "Payments[0].Authorization.TransactionDateTime", "is required",
                o -> ((ObjectNode) payment(o).get("Authorization")).remove("TransactionDateTime")));
        c.add(new Case("AuthorisationCode required", "Payments[0].Authorization.AuthorisationCode", "is required",
                o -> ((ObjectNode) payment(o).get("Authorization")).remove("AuthorisationCode")));
        c.add(new Case("payment info code must exist", "Payments[0].InfoCodes[0].Id", "info code 'Card' does not exist",
                o -> ((ObjectNode) payment(o).get("InfoCodes").get(0)).put("Id", "Card")));
        c.add(new Case("payment info code needs a value", "Payments[0].InfoCodes[0].Value", "is required",
                o -> ((ObjectNode) payment(o).get("InfoCodes").get(0)).remove("Value")));
        c.add(new Case("InfoCodes an array", "InfoCodes", "must be an array", o -> o.putObject("InfoCodes")));
        c.add(new Case("info code Id required", "InfoCodes[0].Id", "is required", o -> ((ObjectNode) o.get("InfoCodes").get(0)).remove("Id")));
        c.add(new Case("info code must exist", "InfoCodes[1].Id", "info code 'Skostaerd' does not exist",
                o -> ((ObjectNode) o.get("InfoCodes").get(1)).put("Id", "Skostaerd")));
        c.add(new Case("info code Id at most 200", "InfoCodes[0].Id", "at most 200",
                o -> ((ObjectNode) o.get("InfoCodes").get(0)).put("Id", "i".repeat(201))));
        c.add(new Case("info code Value required", "InfoCodes[0].Value", "is required",
                o -> ((ObjectNode) o.get("InfoCodes").get(0)).putNull("Value")));
        c.add(new Case("AddedBy at most 500", "InfoCodes[0].AddedBy", "at most 500",
                o -> ((ObjectNode) o.get("InfoCodes").get(0)).put("AddedBy", "a".repeat(501))));
        c.add(new Case("AddedTimestamp a date", "InfoCodes[0].AddedTimestamp", "is not an ISO-8601",
                o -> ((ObjectNode) o.get("InfoCodes").get(0)).put("AddedTimestamp", "now")));
        c.add(new Case("a property given twice in different case", "storeid", "given twice", o -> o.put("storeid", 1)));
        return c;
    }

    @Test
    void theValidOrderPasses() {
        Http.Response r = api("POST", "/api/order", valid().toString());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    @Test
    void everyRuleIsReportedWithItsPathAndNothingIsWritten() {
        JsonNode before = state();
        for (Case c : cases()) {
            ObjectNode order = valid();
            c.breakIt().accept(order);
            Http.Response r = api("POST", "/api/order", order.toString());
            String why = c.rule() + " → " + r.status() + " " + r.body();
            assertThat(r.status()).as(why).isEqualTo(400);
            assertThat(r.header("Content-Type")).as(why).startsWith("application/problem+json");
            JsonNode errors = r.json().get("errors");
            assertThat(errors).as(why).hasSize(1);
            assertThat(errors.get(0).get("field").asString()).as(why).isEqualTo(c.path());
            assertThat(errors.get(0).get("message").asString()).as(why).contains(c.message());
        }
        assertThat(state()).isEqualTo(before);
        assertThat(cases()).hasSizeGreaterThanOrEqualTo(60);
    }

    @Test
    void anOrderBreakingManyRulesGetsThemAllAtOnce() {
        ObjectNode order = valid();
        order.put("StoreId", 7);
        customer(order).put("CustomerId", "nobody");
        item(order, 1).put("Quantity", 0);
        linked(order).put("ItemId", "X1");
        payment(order).put("TenderCode", 99);
        ((ObjectNode) order.get("InfoCodes").get(0)).put("Id", "Nope");
        Http.Response r = api("POST", "/api/order", order.toString());
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("errors").findValues("field").stream().map(JsonNode::asString))
                .containsExactlyInAnyOrder("StoreId", "Customer.CustomerId", "Items[1].Quantity",
                        "Items[0].LinkedItems[0].ItemId", "Payments[0].TenderCode", "InfoCodes[0].Id");
        assertThat(state().get("activity").get("orders")).isEmpty();
    }
}
