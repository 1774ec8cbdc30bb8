package dev.kassa.centra.sandbox.integrationapi;

import graphql.GraphQLContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Controller;

/**
 * The Integration API's queries and mutations (schema: {@code centra-integration-api/integration-api.graphqls}).
 * Every field that needs a permission asks {@link Grants} first, so a token without it gets the field
 * refused with an error naming the permission, and the answer's {@code permissionsUsed} lists what was used.
 */
@Controller
class IntegrationApiController {

    static final int MAX_LIMIT = 200;

    private final JdbcClient jdbc;
    private final StockChanges changes;
    private final RateLimits limits;

    IntegrationApiController(JdbcClient jdbc, StockChanges changes, RateLimits limits) {
        this.jdbc = jdbc;
        this.changes = changes;
        this.limits = limits;
    }

    // ---- queries -----------------------------------------------------------------------------------

    @QueryMapping
    List<Views.Warehouse> warehouses(@Argument Map<String, Object> where, @Argument Integer limit, @Argument Integer page,
                                     GraphQLContext context) {
        Grants.require(context, "Warehouse:read");
        int[] window = window(limit, page);
        List<Object> ids = where == null || where.get("id") == null ? null : new ArrayList<>((List<?>) where.get("id"));
        if (ids != null && ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select id, name from centra_warehouse" + (ids == null ? "" : " where id in (:ids)")
                        + " order by id offset :offset rows fetch next :limit rows only")
                .params(ids == null ? Map.of("offset", window[1], "limit", window[0])
                        : Map.of("ids", ids, "offset", window[1], "limit", window[0]))
                .query((r, n) -> new Views.Warehouse(r.getInt(1), r.getString(2), "ACTIVE")).list();
    }

    @QueryMapping
    Views.Warehouse warehouse(@Argument int id, GraphQLContext context) {
        Grants.require(context, "Warehouse:read");
        return jdbc.sql("select id, name from centra_warehouse where id = ?").param(id)
                .query((r, n) -> new Views.Warehouse(r.getInt(1), r.getString(2), "ACTIVE")).optional().orElse(null);
    }

    @QueryMapping
    List<Views.RateLimit> rateLimits(@Argument Map<String, Object> where) {
        List<?> types = where == null ? null : (List<?>) where.get("type");
        List<?> intervals = where == null ? null : (List<?>) where.get("intervalSeconds");
        return limits.windows().stream()
                .filter(w -> types == null || types.contains(w.type().name()))
                .filter(w -> intervals == null || intervals.contains(w.interval().name()))
                .map(w -> new Views.RateLimit(w.type().name(), w.interval().name(), w.quota(), w.used(), w.remaining()))
                .toList();
    }

    @SchemaMapping(typeName = "Warehouse", field = "stock")
    List<Views.Stock> stock(Views.Warehouse warehouse, @Argument Map<String, Object> where, @Argument Integer limit,
                            @Argument Integer page, GraphQLContext context) {
        Grants.require(context, "Warehouse.stock:read");
        int[] window = window(limit, page);
        StringBuilder sql = new StringBuilder("""
                select i.stock_item_id, i.ean, i.upc, i.full_sku, i.size_sku, i.size_name,
                       coalesce(s.physical, 0) as physical, coalesce(s.allocated, 0) as allocated
                from centra_stock_item i left join centra_stock s on s.stock_item_id = i.stock_item_id and s.warehouse_id = :w
                where 1 = 1""");
        java.util.Map<String, Object> params = new java.util.HashMap<>();
        params.put("w", warehouse.id());
        if (where != null) {
            if (where.get("warehouseId") instanceof List<?> w && !w.contains(warehouse.id())) {
                return List.of();
            }
            if (where.get("productSizeId") instanceof List<?> ids) {
                if (ids.isEmpty()) {
                    return List.of();
                }
                sql.append(" and i.stock_item_id in (:ids)");
                params.put("ids", ids);
            }
            range(where, "physicalQuantity", "coalesce(s.physical, 0)", sql, params);
            range(where, "allocatedQuantity", "coalesce(s.allocated, 0)", sql, params);
            range(where, "freeToAllocateQuantity", "coalesce(s.physical, 0) - coalesce(s.allocated, 0)", sql, params);
        }
        sql.append(" order by i.stock_item_id offset :offset rows fetch next :limit rows only");
        params.put("offset", window[1]);
        params.put("limit", window[0]);
        return jdbc.sql(sql.toString()).params(params).query((r, n) -> new Views.Stock(warehouse,
                new Views.ProductSize(r.getInt(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5), r.getString(6)),
                r.getInt(7), r.getInt(8), r.getInt(7) - r.getInt(8))).list();
    }

    @SchemaMapping(typeName = "Stock", field = "productSize")
    Views.ProductSize productSize(Views.Stock stock, GraphQLContext context) {
        Grants.require(context, "ProductSize:read");
        return stock.size();
    }

    @SchemaMapping(typeName = "Stock", field = "warehouse")
    Views.Warehouse stockWarehouse(Views.Stock stock, GraphQLContext context) {
        Grants.require(context, "Warehouse:read");
        return stock.warehouseOf();
    }

    // ---- mutations ---------------------------------------------------------------------------------

    @MutationMapping
    Views.StockSetPayload setStock(@Argument Map<String, Object> input, GraphQLContext context) {
        Grants.require(context, "StockChange:write");
        return changes.set(input);
    }

    @MutationMapping
    Views.StockChangePayload changeStock(@Argument Map<String, Object> input, GraphQLContext context) {
        Grants.require(context, "StockChange:write");
        try {
            return changes.change(input);
        } catch (StockChanges.Rollback r) {
            return new Views.StockChangePayload(null, r.errors, List.of());
        }
    }

    @SchemaMapping(typeName = "StockSetPayload", field = "stockChanges")
    List<Views.StockChange> stockChanges(Views.StockSetPayload payload, GraphQLContext context) {
        Grants.require(context, "StockChange:read");
        return payload.changes();
    }

    @SchemaMapping(typeName = "StockChangePayload", field = "stockChange")
    Views.StockChange stockChange(Views.StockChangePayload payload, GraphQLContext context) {
        Grants.require(context, "StockChange:read");
        return payload.change();
    }

    @SchemaMapping(typeName = "StockChange", field = "lines")
    List<Views.StockChangeLine> lines(Views.StockChange change, GraphQLContext context) {
        Grants.require(context, "StockChange:read");
        return jdbc.sql("""
                select l.id, i.stock_item_id, i.ean, i.upc, i.full_sku, i.size_sku, i.size_name, l.delivered_quantity
                from centra_stock_change_line l join centra_stock_item i on i.stock_item_id = l.stock_item_id
                where l.stock_change_id = ? order by l.id""").param(change.id())
                .query((r, n) -> new Views.StockChangeLine(r.getInt(1), new Views.ProductSize(r.getInt(2), r.getString(3),
                        r.getString(4), r.getString(5), r.getString(6), r.getString(7)), r.getInt(8))).list();
    }

    @SchemaMapping(typeName = "StockChangeLine", field = "productSize")
    Views.ProductSize lineSize(Views.StockChangeLine line, GraphQLContext context) {
        Grants.require(context, "ProductSize:read");
        return line.size();
    }

    // ---- helpers -----------------------------------------------------------------------------------

    /** {limit, offset} of a page; Centra: "Limit must be in range 1 - 200", pages from 1. */
    private static int[] window(Integer limit, Integer page) {
        int l = limit == null ? 20 : limit;
        int p = page == null ? 1 : page;
        if (l < 1 || l > MAX_LIMIT) {
            throw new IllegalArgumentException("Limit must be in range 1 - " + MAX_LIMIT);
        }
        if (p < 1) {
            throw new IllegalArgumentException("Page must be at least 1");
        }
        if ((long) (p - 1) * l > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("Page is too far");
        }
        return new int[]{l, (p - 1) * l};
    }

    private static void range(Map<String, Object> where, String field, String column, StringBuilder sql, Map<String, Object> params) {
        if (!(where.get(field) instanceof Map<?, ?> r)) {
            return;
        }
        if (r.get("from") instanceof Number from) {
            sql.append(" and ").append(column).append(" >= :").append(field).append("From");
            params.put(field + "From", from.intValue());
        }
        if (r.get("to") instanceof Number to) {
            sql.append(" and ").append(column).append(" <= :").append(field).append("To");
            params.put(field + "To", to.intValue());
        }
    }
}
