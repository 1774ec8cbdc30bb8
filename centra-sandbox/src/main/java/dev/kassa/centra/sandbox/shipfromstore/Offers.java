package dev.kassa.centra.sandbox.shipfromstore;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Check-first offers, one per (order, warehouse) (§8, §13.7). Callers hold the order's row lock. */
@Repository
class Offers {

    static final String OFFERED = "offered";
    static final String ACCEPTED = "accepted";
    static final String REJECTED = "rejected";
    static final String TIMEOUT = "timeout";

    /** Why an offer was rejected: by the store, because another store accepted, or by "Resume" in AMS. */
    static final String BY_STORE = "store";
    static final String ANOTHER_ACCEPTED = "another-warehouse-accepted";
    static final String RESUMED = "resume";

    record Offer(long order, long warehouse, long expiresAtMs, String state, String reason) {
    }

    private final JdbcClient jdbc;

    Offers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(long order, long warehouse, long expiresAtMs) {
        jdbc.sql("""
                insert into centra_check_first_offer (order_number, warehouse_id, expires_at_ms, offer_state)
                values (?, ?, ?, 'offered')""").params(order, warehouse, expiresAtMs).update();
    }

    List<Offer> ofOrder(long order) {
        return jdbc.sql("""
                select order_number, warehouse_id, expires_at_ms, offer_state, reason from centra_check_first_offer
                where order_number = ? order by warehouse_id""").param(order)
                .query((rs, n) -> new Offer(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4),
                        rs.getString(5))).list();
    }

    /** Ends an open offer; false if it was not open any more. */
    boolean end(long order, long warehouse, String state, String reason, java.time.LocalDateTime at) {
        return jdbc.sql("""
                update centra_check_first_offer set offer_state = ?, reason = ?, answered_at = ?
                where order_number = ? and warehouse_id = ? and offer_state = 'offered'""")
                .params(state, reason, at, order, warehouse).update() == 1;
    }

    /** Orders with an open offer whose deadline has passed. */
    List<Long> ordersWithExpiredOffers(long nowMs) {
        return jdbc.sql("""
                select distinct order_number from centra_check_first_offer
                where offer_state = 'offered' and expires_at_ms <= ? order by order_number""")
                .param(nowMs).query(Long.class).list();
    }
}
