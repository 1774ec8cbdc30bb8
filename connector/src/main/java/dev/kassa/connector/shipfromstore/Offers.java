package dev.kassa.connector.shipfromstore;

import dev.kassa.centra.api.Backoff;
import dev.kassa.connector.db.Columns;
import dev.kassa.connector.db.RowLock;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The offers and their state machine (connector_offer, connector_offer_transition): an offer only moves
 * from the states a transition names, in one transaction with the record of who moved it when and why, so
 * two movers racing never both win.
 */
@Component
public class Offers {

    /** States in which nothing more happens to an offer ({@link OfferState#FINAL}, as stored). */
    public static final Set<String> FINAL = OfferState.FINAL.stream().map(OfferState::column)
            .collect(java.util.stream.Collectors.toUnmodifiableSet());

    public record Offer(long offerId, String variant, long orderNumber, long warehouseId, String storeId, Long requestId,
                        String state, Long deadlineMs, String decidedBy, String reason, String centaraOrderId, String carrier,
                        String tracking, String shipmentId, long nextAttemptAtMs, int failures, String lastError,
                        long createdAtMs, long updatedAtMs, Integer tillStatus) {
        /** The state, as the flow knows it. */
        public OfferState current() {
            return OfferState.of(state);
        }

        /** The till shows the order as ready for pickup (Centara's OrderStatus 6, 7 or 8). */
        public boolean readyForPickup() {
            return tillStatus != null && tillStatus >= 6 && tillStatus <= 8;
        }
    }

    public record Transition(int seq, String from, String to, long atMs, String actor, String reason) {
    }

    /**
     * Published (in this node) after an offer was created or moved: the store console refreshes on it.
     * {@code changes} is the store's count of changes ({@link #changes()}) this one made it, 0 when it could
     * not be counted.
     */
    public record Moved(long offerId, String storeId, String to, long changes) {
    }

    private static final RowMapper<Offer> ROWS = (r, n) -> new Offer(r.getLong("offer_id"), r.getString("variant"),
            r.getLong("order_number"), r.getLong("warehouse_id"), r.getString("store_id"), r.getObject("request_id", Long.class),
            r.getString("state"), r.getObject("deadline_ms", Long.class), r.getString("decided_by"), r.getString("reason"),
            r.getString("centara_order_id"), r.getString("carrier"), r.getString("tracking"), r.getString("shipment_id"),
            r.getLong("next_attempt_at_ms"), r.getInt("failures"), r.getString("last_error"), r.getLong("created_at_ms"),
            r.getLong("updated_at_ms"), r.getObject("till_status", Integer.class));

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final RowLock locks;
    private final Clock clock;
    private final org.springframework.context.ApplicationEventPublisher events;

    private final OfferMetrics metrics;
    /** The stores whose row in connector_offer_change this node knows to exist. */
    private final Set<String> counted = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Offers.class);

    Offers(JdbcClient jdbc, TransactionTemplate tx, RowLock locks, Clock clock,
           org.springframework.context.ApplicationEventPublisher events, OfferMetrics metrics) {
        this.metrics = metrics;
        this.jdbc = jdbc;
        this.tx = tx;
        this.locks = locks;
        this.clock = clock;
        this.events = events;
    }

    /** Creates the offer unless one exists for (order, warehouse); the offer either way. */
    public Offer create(String variant, long orderNumber, long warehouseId, String storeId, Long requestId, Long deadlineMs,
                        String actor, String reason) {
        Optional<Offer> existing = of(orderNumber, warehouseId);
        if (existing.isPresent()) {
            return existing.get();
        }
        long now = clock.millis();
        java.util.concurrent.atomic.AtomicLong made = new java.util.concurrent.atomic.AtomicLong(-1);
        try {
            tx.executeWithoutResult(s -> {
                jdbc.sql("""
                        insert into connector_offer (variant, order_number, warehouse_id, store_id, request_id, state, deadline_ms,
                            created_at_ms, updated_at_ms) values (?, ?, ?, ?, ?, 'offered', ?, ?, ?)""")
                        .params(variant, orderNumber, warehouseId, storeId, requestId, deadlineMs, now, now).update();
                long id = of(orderNumber, warehouseId).orElseThrow().offerId();
                record(id, null, "offered", now, actor, reason);
                made.set(id);
            });
        } catch (DuplicateKeyException e) {
            // created by another thread at the same moment
        }
        if (made.get() >= 0) {
            dev.kassa.connector.BusinessEvents.offer(made.get(), orderNumber, storeId, null, "offered", actor, reason);
        }
        Offer offer = of(orderNumber, warehouseId).orElseThrow();
        locks.ensure(lockName(offer.offerId()));
        announce(offer.offerId(), storeId, offer.state());
        return offer;
    }

    static String lockName(long offerId) {
        return "offer:" + offerId;
    }

    public Optional<Offer> get(long offerId) {
        return jdbc.sql("select * from connector_offer where offer_id = ?").param(offerId).query(ROWS).optional();
    }

    public Optional<Offer> of(long orderNumber, long warehouseId) {
        return jdbc.sql("select * from connector_offer where order_number = ? and warehouse_id = ?")
                .params(orderNumber, warehouseId).query(ROWS).optional();
    }

    public List<Offer> ofOrder(long orderNumber) {
        return jdbc.sql("select * from connector_offer where order_number = ? order by offer_id").param(orderNumber)
                .query(ROWS).list();
    }

    /** A store's offers, newest first; {@code states} empty for all. */
    public List<Offer> ofStore(String storeId, Set<String> states, int limit) {
        List<Offer> all = jdbc.sql("select * from connector_offer where store_id = ? order by offer_id desc fetch first ? rows only")
                .params(storeId, limit).query(ROWS).list();
        return states.isEmpty() ? all : all.stream().filter(o -> states.contains(o.state())).toList();
    }

    /**
     * Offers across stores for head office, newest first: of {@code stores} (empty for all), in one of
     * {@code states} (empty for all), offered in [{@code fromMs}, {@code toMs}) (null for open-ended).
     */
    public List<Offer> search(Set<String> stores, Set<String> states, Long fromMs, Long toMs, int limit) {
        StringBuilder sql = new StringBuilder("select * from connector_offer where 1 = 1");
        List<Object> params = new ArrayList<>();
        if (!stores.isEmpty()) {
            sql.append(" and store_id in (").append(String.join(", ", java.util.Collections.nCopies(stores.size(), "?"))).append(")");
            params.addAll(stores);
        }
        if (!states.isEmpty()) {
            sql.append(" and state in (").append(String.join(", ", java.util.Collections.nCopies(states.size(), "?"))).append(")");
            params.addAll(states);
        }
        if (fromMs != null) {
            sql.append(" and created_at_ms >= ?");
            params.add(fromMs);
        }
        if (toMs != null) {
            sql.append(" and created_at_ms < ?");
            params.add(toMs);
        }
        sql.append(" order by offer_id desc fetch first ? rows only");
        params.add(limit);
        return jdbc.sql(sql.toString()).params(params).query(ROWS).list();
    }

    /**
     * What a person must act on among the offers, oldest trouble first: failed, tried {@code stuckAfter}
     * times or more without moving on, or accepted and not shipped since {@code overdueBeforeMs}.
     */
    public List<Offer> troubled(int stuckAfter, long overdueBeforeMs, int limit) {
        return jdbc.sql("""
                select * from connector_offer where state = 'failed'
                or (state not in ('shipped', 'rejected', 'expired', 'lost', 'failed', 'shadowed') and failures >= ?)
                or (state in ('accepted', 'in_till') and updated_at_ms < ?)
                order by updated_at_ms, offer_id fetch first ? rows only""").params(stuckAfter, overdueBeforeMs, limit)
                .query(ROWS).list();
    }

    /** How many of the store's offers are in one of {@code states}. */
    public int count(String storeId, Set<String> states) {
        if (states.isEmpty()) {
            return 0;
        }
        List<Object> params = new ArrayList<>(states);
        params.addFirst(storeId);
        return jdbc.sql("select count(*) from connector_offer where store_id = ? and state in ("
                + String.join(", ", java.util.Collections.nCopies(states.size(), "?")) + ")").params(params)
                .query(Integer.class).single();
    }

    /** The offers of a variant that are still undecided or being answered (offered, accepting, rejecting). */
    public List<Offer> unanswered(String variant) {
        return jdbc.sql("select * from connector_offer where variant = ? and state in ('offered', 'accepting', 'rejecting') order by offer_id")
                .param(variant).query(ROWS).list();
    }

    /** The offers that are not final and whose next look is due, oldest first. */
    public List<Long> due(long now) {
        return jdbc.sql("""
                select offer_id from connector_offer where state not in ('shipped', 'rejected', 'expired', 'lost', 'failed', 'shadowed')
                and next_attempt_at_ms <= ? order by next_attempt_at_ms, offer_id""").param(now).query(Long.class).list();
    }

    /**
     * What a move records beside the state, each null when the move sets none: who decided; the carrier and
     * tracking a person gave when marking the order shipped ({@code marksShipped}: both are set, none being
     * none); the till order made; the shipment made.
     */
    public record Details(String decidedBy, boolean marksShipped, String carrier, String tracking, String centaraOrderId,
                          String shipmentId) {
        public static final Details NONE = new Details(null, false, null, null, null, null);

        public static Details decidedBy(String who) {
            return new Details(who, false, null, null, null, null);
        }

        public static Details shipped(String carrier, String tracking) {
            return new Details(null, true, carrier, tracking, null, null);
        }

        public static Details tillOrder(String centaraOrderId) {
            return new Details(null, false, null, null, centaraOrderId, null);
        }

        public static Details shipment(String shipmentId) {
            return new Details(null, false, null, null, null, shipmentId);
        }

        /** The columns to set (a person's text without control characters, whatever the form sent). */
        Map<String, Object> columns() {
            Map<String, Object> out = new LinkedHashMap<>();
            if (decidedBy != null) {
                out.put("decided_by", decidedBy);
            }
            if (marksShipped) {
                out.put("carrier", carrier == null ? null : Columns.printable(carrier));
                out.put("tracking", tracking == null ? null : Columns.printable(tracking));
            }
            if (centaraOrderId != null) {
                out.put("centara_order_id", centaraOrderId);
            }
            if (shipmentId != null) {
                out.put("shipment_id", shipmentId);
            }
            return out;
        }
    }

    /** {@link #move(long, Set, OfferState, String, String, Details)} recording nothing beside the state. */
    public boolean move(long offerId, Set<OfferState> from, OfferState to, String actor, String reason) {
        return move(offerId, from, to, actor, reason, Details.NONE);
    }

    /**
     * Moves the offer to {@code to} if it is in one of {@code from}, recording {@code details} too, and records
     * the transition; false when it was in none of them (someone else moved it first). A move the flow does not
     * allow ({@link OfferState#canMoveTo}) is a mistake in the connector: refused before anything is read.
     */
    public boolean move(long offerId, Set<OfferState> from, OfferState to, String actor, String reason, Details details) {
        for (OfferState f : from) {
            if (!f.canMoveTo(to)) {
                throw new IllegalArgumentException("an offer never moves from " + f.column() + " to " + to.column());
            }
        }
        Offer moved = tx.execute(s -> {
            Optional<Offer> o = jdbc.sql("select * from connector_offer where offer_id = ? for update").param(offerId)
                    .query(ROWS).optional();
            if (o.isEmpty() || !from.contains(o.get().current())) {
                return null;
            }
            long now = clock.millis();
            Map<String, Object> set = details.columns();
            set.put("state", to.column());
            set.put("updated_at_ms", now);
            set.put("next_attempt_at_ms", 0L);
            set.put("failures", 0);
            set.put("last_error", null);
            List<Object> params = new ArrayList<>(set.values());
            params.add(offerId);
            jdbc.sql("update connector_offer set " + set.keySet().stream().map(k -> {
                if (!k.matches("[a-z_]+")) {
                    throw new IllegalArgumentException("not a column: " + k);
                }
                return k + " = ?";
            }).collect(Collectors.joining(", ")) + " where offer_id = ?").params(params).update();
            record(offerId, o.get().state(), to.column(), now, actor, reason);
            return o.get();
        });
        if (moved != null) {
            dev.kassa.connector.BusinessEvents.offer(offerId, moved.orderNumber(), moved.storeId(), moved.state(), to.column(), actor, reason);
            metrics.moved(moved, to.column(), clock.millis());
            announce(offerId, moved.storeId(), to.column());
        }
        return moved != null;
    }

    /** Which allocation request of Centra's the offer answers, and its deadline as Centra has it now. */
    public void request(long offerId, long requestId, Long deadlineMs) {
        jdbc.sql("update connector_offer set request_id = ?, deadline_ms = coalesce(?, deadline_ms) where offer_id = ?")
                .params(requestId, deadlineMs, offerId).update();
    }

    /**
     * A call for the offer in {@code state} failed: it is tried again after a back-off that doubles, up to
     * five minutes. Nothing changes if the offer left that state meanwhile (a person or an event moved it).
     */
    public void backOff(long offerId, OfferState state, String error, long firstBackoffMillis) {
        Offer o = get(offerId).orElseThrow();
        long delay = new Backoff(Duration.ofMillis(firstBackoffMillis), Duration.ofMinutes(5)).after(o.failures() + 1).toMillis();
        jdbc.sql("""
                update connector_offer set failures = failures + 1, last_error = ?, next_attempt_at_ms = ?
                where offer_id = ? and state = ?""")
                .params(Columns.fit(error, 1000), clock.millis() + delay, offerId, state.column()).update();
    }

    /**
     * Nothing to do for the offer in {@code state} until {@code atMs} (a person decides, or the till is
     * looked at then); nothing changes if the offer left that state meanwhile.
     */
    public void later(long offerId, OfferState state, long atMs) {
        jdbc.sql("update connector_offer set next_attempt_at_ms = ? where offer_id = ? and state = ?").params(atMs, offerId, state.column())
                .update();
    }

    /** How many of the store's offers were decided to be accepted since {@code sinceMs} (its daily capacity). */
    public int acceptedSince(String storeId, long sinceMs) {
        return jdbc.sql("""
                select count(*) from connector_offer_transition t join connector_offer o on o.offer_id = t.offer_id
                where o.store_id = ? and t.to_state = 'accepting' and t.at_ms >= ?""")
                .params(storeId, sinceMs).query(Integer.class).single();
    }

    /**
     * What the store decided for the offer, whatever became of it since: {@code "accepting"} or
     * {@code "rejecting"} (the latest of the two it went through), or null when nobody decided.
     */
    public String intent(long offerId) {
        return jdbc.sql("""
                select to_state from connector_offer_transition where offer_id = ? and to_state in ('accepting', 'rejecting')
                order by seq desc fetch first 1 rows only""").param(offerId).query(String.class).optional().orElse(null);
    }

    /** The till order's status as the connector just saw it; the store's pages hear of a change at once. */
    public void tillStatus(long offerId, String storeId, int status) {
        if (jdbc.sql("update connector_offer set till_status = ? where offer_id = ? and (till_status is null or till_status <> ?)")
                .params(status, offerId, status).update() > 0) {
            announce(offerId, storeId, OfferState.IN_TILL.column());
        }
    }

    /**
     * Counts a change of the store's offers in connector_offer_change, after it was committed, then tells this
     * node ({@link Moved}). Other nodes' consoles find the count changed ({@link #changes()}). A change that
     * could not be counted (the database gone for a moment) is still told to this node; other nodes' pages
     * then see it at their next full reload.
     */
    private void announce(long offerId, String storeId, String to) {
        long count = 0;
        try {
            if (counted.add(storeId)) {
                locks.insertIfAbsent("connector_offer_change", "store_id", storeId);
            }
            count = tx.execute(s -> {
                jdbc.sql("update connector_offer_change set changes = changes + 1 where store_id = ?").param(storeId).update();
                return jdbc.sql("select changes from connector_offer_change where store_id = ?").param(storeId)
                        .query(Long.class).single();
            });
        } catch (org.springframework.dao.DataAccessException e) {
            counted.remove(storeId);
            log.warn("offer {}: the change could not be counted for other nodes' consoles: {}", offerId, e.getMessage());
        }
        events.publishEvent(new Moved(offerId, storeId, to, count));
    }

    /** Each store's count of changes to its offers, across every node (stores never changed are left out). */
    public Map<String, Long> changes() {
        Map<String, Long> out = new java.util.HashMap<>();
        jdbc.sql("select store_id, changes from connector_offer_change").query((r, n) -> out.put(r.getString(1), r.getLong(2))).list();
        return out;
    }

    /** The store's offers in {@code state} are looked at by {@code atMs} at the latest (a person is watching). */
    public void lookSooner(String storeId, OfferState state, long atMs) {
        jdbc.sql("update connector_offer set next_attempt_at_ms = ? where store_id = ? and state = ? and next_attempt_at_ms > ?")
                .params(atMs, storeId, state.column(), atMs).update();
    }

    /** A store's decision to reject, with its reason: what head office looks at. */
    public record Rejection(long offerId, String storeId, long orderNumber, long atMs, String actor, String reason) {
    }

    /** The latest rejections decided in the stores (by staff or rules), newest first. */
    public List<Rejection> rejections(int limit) {
        return jdbc.sql("""
                select o.offer_id, o.store_id, o.order_number, t.at_ms, t.actor, t.reason from connector_offer_transition t
                join connector_offer o on o.offer_id = t.offer_id
                where t.to_state = 'rejecting' and t.actor <> 'connector' order by t.at_ms desc, t.offer_id desc fetch first ? rows only""")
                .param(limit).query((r, n) -> new Rejection(r.getLong(1), r.getString(2), r.getLong(3), r.getLong(4), r.getString(5),
                        r.getString(6))).list();
    }

    /** The reason of each offer's latest transition (what became of it, and why). */
    public Map<Long, String> lastReasons(List<Long> offerIds) {
        Map<Long, String> out = new LinkedHashMap<>();
        dev.kassa.common.db.Chunks.each(offerIds, slice -> {
            String in = String.join(", ", java.util.Collections.nCopies(slice.size(), "?"));
            jdbc.sql("select t.offer_id, t.reason from connector_offer_transition t where t.offer_id in (" + in + ") and t.seq ="
                    + " (select max(u.seq) from connector_offer_transition u where u.offer_id = t.offer_id)")
                    .params(new ArrayList<Object>(slice)).query((r, n) -> out.put(r.getLong(1), r.getString(2))).list();
        });
        return out;
    }

    public List<Transition> transitions(long offerId) {
        return jdbc.sql("select * from connector_offer_transition where offer_id = ? order by seq").param(offerId)
                .query((r, n) -> new Transition(r.getInt("seq"), r.getString("from_state"), r.getString("to_state"),
                        r.getLong("at_ms"), r.getString("actor"), r.getString("reason"))).list();
    }

    private void record(long offerId, String from, String to, long at, String actor, String reason) {
        int seq = jdbc.sql("select coalesce(max(seq), 0) + 1 from connector_offer_transition where offer_id = ?").param(offerId)
                .query(Integer.class).single();
        jdbc.sql("insert into connector_offer_transition (offer_id, seq, from_state, to_state, at_ms, actor, reason) values (?, ?, ?, ?, ?, ?, ?)")
                .params(offerId, seq, from, to, at, actor, Columns.fit(reason, 500))
                .update();
    }
}
