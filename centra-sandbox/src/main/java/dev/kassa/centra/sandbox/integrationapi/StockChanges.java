package dev.kassa.centra.sandbox.integrationapi;

import dev.kassa.centra.sandbox.clock.InstanceTime;
import dev.kassa.centra.sandbox.stock.StockLedger;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * {@code setStock} and {@code changeStock} on the sandbox's one stock ledger, so that a write through
 * either API is seen by both: each locks its sizes' rows through {@link StockLedger#lock} (ascending ids,
 * as POST stock, orders and shipments do), reads them, and writes in the same transaction.
 * <p>
 * A call is all or nothing (decision 0024): any {@code userErrors} and nothing is written. A physical
 * quantity below what is allocated to orders is raised to it, with a {@code userWarning} saying so, as
 * the Order API's POST stock raises it. Each call that moves stock records one stock change, with a line
 * per size whose stock moved (for setStock: the difference it made).
 */
@Service
class StockChanges {

    static final int MAX_SIZES = 1000;

    private final JdbcClient jdbc;
    private final StockLedger ledger;
    private final InstanceTime time;

    StockChanges(JdbcClient jdbc, StockLedger ledger, InstanceTime time) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.time = time;
    }

    /** One size's line of a call: where it sits in the input, the size it names, and its quantity. */
    private record Wanted(int index, long item, int quantity) {
    }

    @Transactional
    public Views.StockSetPayload set(Map<String, Object> input) {
        List<Views.UserError> errors = new ArrayList<>();
        Optional<Long> warehouse = warehouse(input.get("warehouse"), List.of("input", "warehouse"), errors);
        description(input, errors);
        List<Wanted> wanted = sizes(input, "quantity", 0, errors);
        if (!errors.isEmpty()) {
            return new Views.StockSetPayload(List.of(), errors, List.of());
        }
        boolean physicalType = "PHYSICAL".equals(String.valueOf(input.get("stockQuantityType")));
        long w = warehouse.orElseThrow();
        Map<Long, int[]> levels = lockAndRead(wanted, w);
        List<Views.UserWarning> warnings = new ArrayList<>();
        Map<Long, Integer> deltas = new LinkedHashMap<>();
        for (Wanted line : wanted) {
            int[] l = levels.get(line.item());
            long target = physicalType ? line.quantity() : (long) l[1] + line.quantity();
            if (target < l[1]) {
                warnings.add(new Views.UserWarning("Stock of product size " + line.item() + " was raised to " + l[1]
                        + ", the quantity allocated to orders", List.of("input", "productSizes", Integer.toString(line.index()), "quantity")));
                target = l[1];
            }
            if (target > Integer.MAX_VALUE) {
                errors.add(new Views.UserError("Stock value is too large", List.of("input", "productSizes",
                        Integer.toString(line.index()), "quantity")));
                continue;
            }
            if (target != l[0]) {
                deltas.put(line.item(), (int) (target - l[0]));
            }
        }
        if (!errors.isEmpty()) {
            return new Views.StockSetPayload(List.of(), errors, List.of());
        }
        if (deltas.isEmpty()) {
            return new Views.StockSetPayload(List.of(), List.of(), warnings);
        }
        apply(w, levels, deltas);
        Views.StockChange change = record(String.valueOf(input.get("description")), deltas.entrySet().stream()
                .anyMatch(e -> e.getValue() > 0) ? w : null, deltas.entrySet().stream().anyMatch(e -> e.getValue() < 0) ? w : null, deltas);
        return new Views.StockSetPayload(List.of(change), List.of(), warnings);
    }

    @Transactional
    public Views.StockChangePayload change(Map<String, Object> input) {
        List<Views.UserError> errors = new ArrayList<>();
        Optional<Long> into = input.get("intoWarehouse") == null ? Optional.empty()
                : warehouse(input.get("intoWarehouse"), List.of("input", "intoWarehouse"), errors);
        Optional<Long> out = input.get("outFromWarehouse") == null ? Optional.empty()
                : warehouse(input.get("outFromWarehouse"), List.of("input", "outFromWarehouse"), errors);
        if (input.get("intoWarehouse") == null && input.get("outFromWarehouse") == null) {
            errors.add(new Views.UserError("Provide intoWarehouse, outFromWarehouse or both", List.of("input")));
        }
        if (into.isPresent() && into.equals(out)) {
            errors.add(new Views.UserError("intoWarehouse and outFromWarehouse must differ", List.of("input", "intoWarehouse")));
        }
        description(input, errors);
        List<Wanted> wanted = sizes(input, "deliveredQuantity", 1, errors);
        if (!errors.isEmpty()) {
            return new Views.StockChangePayload(null, errors, List.of());
        }
        Map<Long, Integer> deltas = new LinkedHashMap<>();
        wanted.forEach(l -> deltas.put(l.item(), l.quantity()));
        if (out.isPresent()) {
            Map<Long, int[]> levels = lockAndRead(wanted, out.get());
            for (Wanted line : wanted) {
                int[] l = levels.get(line.item());
                if (l[0] - l[1] < line.quantity()) {
                    errors.add(new Views.UserError("Only " + (l[0] - l[1]) + " of product size " + line.item()
                            + " are free to allocate in warehouse " + out.get(), List.of("input", "productSizes",
                            Integer.toString(line.index()), "deliveredQuantity")));
                }
            }
            if (!errors.isEmpty()) {
                return new Views.StockChangePayload(null, errors, List.of());
            }
            Map<Long, Integer> removed = new LinkedHashMap<>();
            deltas.forEach((item, q) -> removed.put(item, -q));
            apply(out.get(), levels, removed);
        }
        if (into.isPresent()) {
            Map<Long, int[]> levels = lockAndRead(wanted, into.get());
            for (Wanted line : wanted) {
                if ((long) levels.get(line.item())[0] + line.quantity() > Integer.MAX_VALUE) {
                    errors.add(new Views.UserError("Stock value is too large", List.of("input", "productSizes",
                            Integer.toString(line.index()), "deliveredQuantity")));
                }
            }
            if (!errors.isEmpty()) {
                throw new Rollback(errors);
            }
            apply(into.get(), levels, deltas);
        }
        Views.StockChange change = record(String.valueOf(input.get("description")), into.orElse(null), out.orElse(null), deltas);
        return new Views.StockChangePayload(change, List.of(), List.of());
    }

    /** Undoes a call's first half when its second half finds a user error; the controller answers the errors. */
    static final class Rollback extends RuntimeException {
        final List<Views.UserError> errors;

        Rollback(List<Views.UserError> errors) {
            super("stock change refused", null, false, false);
            this.errors = errors;
        }
    }

    // ---- input -------------------------------------------------------------------------------------

    private Optional<Long> warehouse(Object value, List<String> path, List<Views.UserError> errors) {
        if (!(value instanceof Map<?, ?> w) || w.values().stream().filter(v -> v != null).count() != 1) {
            errors.add(new Views.UserError("Exactly one input field should be provided", path));
            return Optional.empty();
        }
        Optional<Long> found = w.get("id") != null
                ? jdbc.sql("select id from centra_warehouse where id = ?").param(((Number) w.get("id")).longValue()).query(Long.class).optional()
                : jdbc.sql("select id from centra_warehouse where name = ?").param(String.valueOf(w.get("name"))).query(Long.class).optional();
        if (found.isEmpty()) {
            errors.add(new Views.UserError("Warehouse not found", path));
        }
        return found;
    }

    private static void description(Map<String, Object> input, List<Views.UserError> errors) {
        String d = String.valueOf(input.get("description"));
        if (d.isBlank()) {
            errors.add(new Views.UserError("description must not be empty", List.of("input", "description")));
        } else if (d.length() > 1000) {
            errors.add(new Views.UserError("description is longer than 1000 characters", List.of("input", "description")));
        }
    }

    private List<Wanted> sizes(Map<String, Object> input, String quantityField, int least, List<Views.UserError> errors) {
        Object value = input.get("productSizes");
        if (!(value instanceof List<?> list) || list.isEmpty()) {
            errors.add(new Views.UserError("productSizes must name at least one size", List.of("input", "productSizes")));
            return List.of();
        }
        if (list.size() > MAX_SIZES) {
            errors.add(new Views.UserError("productSizes may name at most " + MAX_SIZES + " sizes per call",
                    List.of("input", "productSizes")));
            return List.of();
        }
        List<Wanted> wanted = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            Map<?, ?> line = (Map<?, ?>) list.get(i);
            List<String> path = List.of("input", "productSizes", Integer.toString(i));
            int quantity = ((Number) line.get(quantityField)).intValue();
            if (quantity < least) {
                errors.add(new Views.UserError(least == 0 ? "Stock value must be greater or equal to 0"
                        : quantityField + " must be at least " + least, append(path, quantityField)));
            }
            Optional<Long> item = size(line.get("productSize"), append(path, "productSize"), errors);
            if (item.isPresent() && !seen.add(item.get())) {
                errors.add(new Views.UserError("Product size " + item.get() + " is named more than once", append(path, "productSize")));
            }
            int index = i;
            item.ifPresent(id -> wanted.add(new Wanted(index, id, quantity)));
        }
        return wanted;
    }

    private Optional<Long> size(Object value, List<String> path, List<Views.UserError> errors) {
        if (!(value instanceof Map<?, ?> s) || s.values().stream().filter(v -> v != null).count() != 1) {
            errors.add(new Views.UserError("Exactly one input field should be provided", path));
            return Optional.empty();
        }
        Optional<Long> found;
        if (s.get("id") != null) {
            found = jdbc.sql("select stock_item_id from centra_stock_item where stock_item_id = ?")
                    .param(((Number) s.get("id")).longValue()).query(Long.class).optional();
        } else {
            String column = s.get("EAN") != null ? "ean" : s.get("UPC") != null ? "upc" : s.get("SKU") != null ? "full_sku" : null;
            String v = String.valueOf(s.values().stream().filter(x -> x != null).findFirst().orElseThrow());
            found = column != null
                    ? jdbc.sql("select stock_item_id from centra_stock_item where " + column + " = ?").param(v).query(Long.class).optional()
                    : jdbc.sql("select stock_item_id from centra_stock_item where ean = ? or upc = ? or full_sku = ? order by stock_item_id")
                            .params(v, v, v).query(Long.class).list().stream().findFirst();
        }
        if (found.isEmpty()) {
            errors.add(new Views.UserError("Product size not found", path));
        }
        return found;
    }

    private static List<String> append(List<String> path, String field) {
        List<String> p = new ArrayList<>(path);
        p.add(field);
        return p;
    }

    // ---- the ledger --------------------------------------------------------------------------------

    /** Locks the sizes' rows and reads {physical, allocated} in the warehouse (0, 0 without a row). */
    private Map<Long, int[]> lockAndRead(List<Wanted> wanted, long warehouse) {
        ledger.lock(wanted.stream().map(Wanted::item).toList());
        Map<Long, int[]> levels = new HashMap<>();
        wanted.forEach(l -> levels.put(l.item(), new int[]{0, 0, 0}));
        jdbc.sql("select stock_item_id, physical, allocated from centra_stock where warehouse_id = :w and stock_item_id in (:ids)")
                .param("w", warehouse).param("ids", levels.keySet())
                .query(rs -> {
                    levels.put(rs.getLong(1), new int[]{rs.getInt(2), rs.getInt(3), 1});
                });
        return levels;
    }

    private void apply(long warehouse, Map<Long, int[]> levels, Map<Long, Integer> deltas) {
        LocalDateTime now = time.localNow();
        deltas.forEach((item, delta) -> {
            int[] l = levels.get(item);
            int physical = l[0] + delta;
            if (l[2] == 1) {
                jdbc.sql("update centra_stock set physical = ?, modified_at = ? where stock_item_id = ? and warehouse_id = ?")
                        .params(physical, now, item, warehouse).update();
            } else {
                jdbc.sql("insert into centra_stock (stock_item_id, warehouse_id, physical, allocated, modified_at) values (?, ?, ?, 0, ?)")
                        .params(item, warehouse, physical, now).update();
            }
        });
    }

    private Views.StockChange record(String description, Long into, Long out, Map<Long, Integer> deltas) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into centra_stock_change (description, into_warehouse_id, out_warehouse_id, created_at) values (?, ?, ?, ?)")
                .params(description, into, out, time.localNow()).update(key, "id");
        long id = key.getKey().longValue();
        deltas.forEach((item, delta) -> jdbc.sql(
                "insert into centra_stock_change_line (stock_change_id, stock_item_id, delivered_quantity) values (?, ?, ?)")
                .params(id, item, Math.abs(delta)).update());
        return new Views.StockChange((int) id, description, null);
    }
}
