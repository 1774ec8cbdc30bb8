package dev.kassa.connector.stock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kassa.common.testing.Http;
import dev.kassa.connector.StockTest;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Values a till should never send, and the order of transactions within one second (issue 15 §0): a
 * barcode typed as a quantity is refused naming the field, or, stored before the intake checked it, becomes
 * a dead letter while the store's other items keep flowing; a Timestamp far from the connector's clock is
 * held, never superseding real sales; a sale rung up right after a count in the same second is applied.
 * Stock items 1027–1029 at Stockholm, and 1027 and 1029 at Göteborg, belong to this class.
 */
class HostileTillInputTest extends StockTest {

    private int storedLines(String transactionId) {
        return jdbc.sql("select count(*) from connector_pos_line where transaction_id = ?").param(transactionId)
                .query(Integer.class).single();
    }

    private static List<String> fields(Http.Response r) {
        return r.json().get("errors").findValues("field").stream().map(JsonNode::asString).toList();
    }

    @Test
    void valuesThatDoNotFitAreA400NamingTheFieldAndStoreNothing() {
        Item shirt = item(1027);
        String barcode = newId(1);
        Http.Response r = post(STOCKHOLM_KEY, transaction(barcode, 1, "Sale", now(), List.of(line(shirt, 1)))
                .replace("\"Quantity\": 1", "\"Quantity\": 6438152004017"));
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(fields(r)).containsExactly("Lines[0].Quantity");
        assertThat(r.body()).contains("barcode");

        String count = newId(1);
        r = post(STOCKHOLM_KEY, transaction(count, 1, "Count", now(), List.of(line(shirt, 1)))
                .replace("\"Quantity\": 1", "\"Quantity\": 1000000000000"));
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(fields(r)).containsExactly("Lines[0].Quantity");

        String huge = newId(1);
        r = post(STOCKHOLM_KEY, transaction(huge, 1, "Count", now(), List.of(line(shirt, 1)))
                .replace("\"Quantity\": 1", "\"Quantity\": 1000000000000000"));
        assertThat(r.status()).as("10^15 was a 500 on H2").isEqualTo(400);

        String store = newId(1);
        r = post(STOCKHOLM_KEY, transaction(store, 1, "Sale", now(), List.of(line(shirt, 1)))
                .replace("\"StoreId\": 1", "\"StoreId\": 4294967597"));
        assertThat(r.status()).as("2^32+301 was a 500").isEqualTo(400);
        assertThat(fields(r)).containsExactly("StoreId");

        String past = newId(1);
        r = post(STOCKHOLM_KEY, transaction(past, 1, "Sale", OffsetDateTime.parse("1999-12-31T23:00:00+01:00"), List.of(line(shirt, 1))));
        assertThat(r.status()).isEqualTo(400);
        assertThat(fields(r)).containsExactly("Timestamp");

        String decimals = newId(1);
        r = post(STOCKHOLM_KEY, transaction(decimals, 1, "Sale", now(), List.of(line(shirt, 1)))
                .replace("\"Quantity\": 1", "\"Quantity\": 0.00001").replace("\"Amount\": 100", "\"Amount\": \"100\""));
        assertThat(r.status()).isEqualTo(400);
        assertThat(fields(r)).containsExactlyInAnyOrder("Lines[0].Quantity", "Lines[0].Amount");

        for (String id : List.of(barcode, count, huge, store, past, decimals)) {
            assertThat(storedLines(id)).as(id).isZero();
        }
    }

    @Test
    void aLineThatCanNeverBeAppliedBecomesADeadLetterAndTheStoresOtherItemsKeepFlowing() {
        Item bad = item(1027);
        Item good = item(1028);
        CENTRA.setPhysical(good.ean(), 40);
        // stored by an intake that did not check bounds yet (the database still holds such lines after an upgrade)
        long at = now().toInstant().toEpochMilli();
        long dayAhead = at + 86_400_000L;
        for (Object[] line : List.of(new Object[]{"1.9.1.1", "Sale", "6438152004017", at}, new Object[]{"1.9.1.2", "Count", "1000000000000", at},
                new Object[]{"1.9.1.3", "Sale", "1.5", at}, new Object[]{"1.9.1.4", "Count", "12", dayAhead})) {
            jdbc.sql("insert into connector_pos_transaction (transaction_id, store_id, kind, document, occurred_at_ms, received_at_ms)"
                    + " values (?, 'stockholm', ?, '{}', ?, ?)").params(line[0], line[1], line[3], at).update();
            jdbc.sql("insert into connector_pos_line (transaction_id, line_number, item_id, quantity, store_id, kind, occurred_at_ms,"
                    + " received_at_ms, state) values (?, 1, ?, ?, 'stockholm', ?, ?, ?, 'pending')")
                    .params(line[0], bad.itemId(), new java.math.BigDecimal((String) line[2]), line[1], line[3], at).update();
        }
        String sale = sell(now(), line(good, 2));

        drain("stockholm");

        assertThat(CENTRA.physical(good.ean())).as("the good item reaches Centra").isEqualTo(38);
        assertThat(lineState(sale, 1)).isEqualTo("applied");
        assertThat(lineState("1.9.1.1", 1)).isEqualTo("dead");
        assertThat(lineState("1.9.1.2", 1)).isEqualTo("dead");
        JsonNode dead = admin("GET", "/api/admin/stock/dead-letters?store=stockholm", null).json().get("deadLetters");
        assertThat(dead.findValues("transactionId").stream().map(JsonNode::asString)).contains("1.9.1.1", "1.9.1.2");
        assertThat(dead.toString()).contains("a barcode typed as a quantity");
        // each with its own reason, from the one statement that sets them aside
        java.util.function.Function<String, String> why = id -> jdbc.sql("select detail from connector_pos_line where transaction_id = ?")
                .param(id).query(String.class).single();
        assertThat(why.apply("1.9.1.1")).contains("a barcode typed as a quantity");
        assertThat(why.apply("1.9.1.2")).contains("beyond what a line may carry");
        assertThat(why.apply("1.9.1.3")).contains("whole units");
        assertThat(why.apply("1.9.1.4")).contains("ahead of the connector's clock");
        assertThat(lineState("1.9.1.3", 1)).isEqualTo("dead");
        assertThat(lineState("1.9.1.4", 1)).isEqualTo("dead");
        JsonNode state = admin("GET", "/api/admin/stock", null).json();
        assertThat(state.toString()).doesNotContain("Overflow");
        assertThat(jdbc.sql("select failures from connector_stock_store where store_id = 'stockholm'").query(Integer.class).single())
                .isZero();
        assertThat(admin("POST", "/api/admin/stock/reconcile?store=stockholm", null).json().get("ran").asBoolean()).isTrue();

        // head office discards them for good; a line that is not dead cannot be discarded
        Http.Response wrong = admin("POST", "/api/admin/stock/dead-letters/discard",
                "{\"lines\": [{\"transactionId\": \"" + sale + "\", \"lineNumber\": 1}]}");
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.body()).contains("applied, not dead");
        Http.Response discarded = admin("POST", "/api/admin/stock/dead-letters/discard",
                "{\"lines\": [{\"transactionId\": \"1.9.1.1\", \"lineNumber\": 1}, {\"transactionId\": \"1.9.1.2\", \"lineNumber\": 1}]}");
        assertThat(discarded.status()).as(discarded.body()).isEqualTo(200);
        assertThat(discarded.json().get("discarded").asInt()).isEqualTo(2);
        assertThat(lineState("1.9.1.1", 1)).isEqualTo("discarded");
        assertThat(jdbc.sql("select detail from connector_pos_line where transaction_id = '1.9.1.1'").query(String.class).single())
                .startsWith("discarded by the admin API").contains("barcode");
        assertThat(admin("GET", "/api/admin/stock/dead-letters?store=stockholm", null).json().get("deadLetters").toString())
                .doesNotContain("1.9.1.1");
        assertThat(drain("stockholm")).isZero();
    }

    @Test
    void aTimestampFarFromTheClockIsHeldAndNeverFreezesTheItem() {
        Item shirt = item(1028);
        CENTRA.setPhysical(shirt.ean(), 30);
        String future = newId(1);
        Http.Response r = post(STOCKHOLM_KEY, transaction(future, 1, "Count", OffsetDateTime.parse("2999-01-01T00:00:00+01:00"),
                List.of(line(shirt, 500))));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("notApplied").get(0).get("field").asString()).isEqualTo("Timestamp");
        assertThat(r.json().get("notApplied").get(0).get("message").asString()).contains("ahead of the connector's clock");
        assertThat(lineState(future, 1)).isEqualTo("dead");
        String old = newId(1);
        r = post(STOCKHOLM_KEY, transaction(old, 1, "Sale", now().minusDays(200), List.of(line(shirt, 1))));
        assertThat(r.json().get("notApplied").get(0).get("message").asString()).contains("days ago");
        assertThat(lineState(old, 1)).isEqualTo("dead");

        String sale = sell(now(), line(shirt, 4));
        drain("stockholm");
        assertThat(lineState(sale, 1)).as("not superseded by the count of 2999").isEqualTo("applied");
        assertThat(CENTRA.physical(shirt.ean())).isEqualTo(26);

        // replayed by mistake, the future count is held again rather than applied
        assertThat(admin("POST", "/api/admin/stock/dead-letters/replay",
                "{\"lines\": [{\"transactionId\": \"" + future + "\", \"lineNumber\": 1}]}").status()).isEqualTo(200);
        drain("stockholm");
        assertThat(lineState(future, 1)).isEqualTo("dead");
        assertThat(CENTRA.physical(shirt.ean())).isEqualTo(26);
        String later = sell(now(), line(shirt, 1));
        drain("stockholm");
        assertThat(lineState(later, 1)).isEqualTo("applied");
        assertThat(CENTRA.physical(shirt.ean())).isEqualTo(25);
    }

    @Test
    void withinOneSecondTheReceiptOrdersATillsTransactions() {
        Item shirt = item(1029);
        CENTRA.setPhysical("goteborg", shirt.ean(), 50);
        OffsetDateTime second = now().truncatedTo(ChronoUnit.SECONDS).minusMinutes(5);
        // receipt 4 counts 20; receipt 5 sells 3 in the same second; receipt 3 sold 5 just before the count
        post(GOTEBORG_KEY, transaction(newId(2), 2, "Count", second, 1, 4, List.of(line(shirt, 20))));
        drain("goteborg");
        assertThat(CENTRA.physical("goteborg", shirt.ean())).isEqualTo(20);
        String after = newId(2);
        post(GOTEBORG_KEY, transaction(after, 2, "Sale", second, 1, 5, List.of(line(shirt, 3))));
        String before = newId(2);
        post(GOTEBORG_KEY, transaction(before, 2, "Sale", second, 1, 3, List.of(line(shirt, 5))));
        // another till in the same second: taken as after the count (decision 0010)
        String otherTill = newId(2);
        post(GOTEBORG_KEY, transaction(otherTill, 2, "Sale", second, 2, 1, List.of(line(shirt, 2))));
        drain("goteborg");

        assertThat(lineState(after, 1)).as("rung up after the count: it was dropped before").isEqualTo("applied");
        assertThat(lineState(before, 1)).isEqualTo("superseded");
        assertThat(lineState(otherTill, 1)).isEqualTo("applied");
        assertThat(CENTRA.physical("goteborg", shirt.ean())).isEqualTo(15);
        assertThat(admin("POST", "/api/admin/stock/reconcile?store=goteborg", null).json().toString())
                .doesNotContain(shirt.itemId());
    }

    @Test
    void aCountAndTheSalesAroundItInOneSecondArriveTogether() {
        Item shirt = item(1027);
        CENTRA.setPhysical("goteborg", shirt.ean(), 50);
        OffsetDateTime second = now().truncatedTo(ChronoUnit.SECONDS).minusMinutes(2);
        String after = newId(2);
        post(GOTEBORG_KEY, transaction(after, 2, "Sale", second, 3, 9, List.of(line(shirt, 3))));
        post(GOTEBORG_KEY, transaction(newId(2), 2, "Count", second, 3, 8, List.of(line(shirt, 30))));
        String before = newId(2);
        post(GOTEBORG_KEY, transaction(before, 2, "Sale", second, 3, 7, List.of(line(shirt, 4))));
        drain("goteborg");
        assertThat(CENTRA.physical("goteborg", shirt.ean())).isEqualTo(27);
        assertThat(lineState(before, 1)).isEqualTo("superseded");
        assertThat(lineState(after, 1)).isEqualTo("applied");
    }

    @Test
    void aQuantityWithDecimalsIsStoredAsADeadLetterAndTheAnswerSaysSo() {
        Item weighed = item(1027);
        Item shirt = item(1028);
        CENTRA.setPhysical(shirt.ean(), 10);
        String id = newId(1);
        Http.Response r = post(STOCKHOLM_KEY, transaction(id, 1, "Sale", now(), List.of(line(weighed, 1), line(shirt, 1)))
                .replaceFirst("\"Quantity\": 1,", "\"Quantity\": 0.5,"));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("result").asString()).isEqualTo("accepted");
        assertThat(r.json().get("notApplied").get(0).get("field").asString()).isEqualTo("Lines[0].Quantity");
        assertThat(lineState(id, 1)).isEqualTo("dead");
        drain("stockholm");
        assertThat(lineState(id, 2)).isEqualTo("applied");
        assertThat(CENTRA.physical(shirt.ean())).isEqualTo(9);
    }
}
