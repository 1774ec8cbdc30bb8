package dev.kassa.centra.sandbox.admin;

import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code activity} section of {@code GET /sandbox/state}: orders with their lines and allocations,
 * shipments, check-first offers and allocation requests, as rows close to the tables. Meant for reading
 * and for tests that want to see the whole state at once; its shape is documented in the admin OpenAPI.
 */
@Component
class ActivityExport {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private final JdbcClient jdbc;

    ActivityExport(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    JsonNode export() {
        ObjectNode a = JsonNodeFactory.instance.objectNode();
        a.set("orders", rows("""
                select order_number as "orderNumber", flow as "flow", order_status as "status", market_id as "market",
                       country as "country", currency as "currency", order_date as "orderDate", origin as "origin", order_api_uri as "orderApi"
                from centra_order order by order_number"""));
        a.set("orderLines", rows("""
                select l.order_number as "orderNumber", l.line_id as "lineId", l.stock_item_id as "stockItemId",
                       l.qty as "qty", l.unit_price as "unitPrice" from centra_order_line l order by l.order_number, l.position"""));
        a.set("allocations", rows("""
                select l.order_number as "orderNumber", a.line_id as "lineId", a.warehouse_id as "warehouse", a.qty as "qty"
                from centra_line_allocation a join centra_order_line l on l.line_id = a.line_id
                order by l.order_number, a.line_id, a.warehouse_id"""));
        a.set("shipments", rows("""
                select shipment_id as "shipment", order_number as "orderNumber", gtg as "gtg", paid as "paid", shipped as "shipped", completed as "completed",
                       carrier as "carrier", tracking as "tracking" from centra_shipment order by order_number, shipment_seq"""));
        a.set("checkFirstOffers", rows("""
                select order_number as "orderNumber", warehouse_id as "warehouse", offer_state as "state", reason as "reason",
                       expires_at_ms as "expiresAtEpochMillis" from centra_check_first_offer
                order by order_number, warehouse_id"""));
        a.set("allocationRequests", rows("""
                select id as "id", order_number as "orderNumber", warehouse_id as "warehouse", request_status as "status",
                       expires_at_ms as "expiresAtEpochMillis" from centra_allocation_request order by id"""));
        return a;
    }

    private JsonNode rows(String sql) {
        List<Map<String, Object>> rows = jdbc.sql(sql).query().listOfRows();
        List<Map<String, Object>> plain = rows.stream().map(r -> {
            Map<String, Object> m = new java.util.LinkedHashMap<>();
            r.forEach((k, v) -> m.put(k, v instanceof java.sql.Timestamp t ? t.toLocalDateTime().toString() : v));
            return m;
        }).toList();
        return MAPPER.valueToTree(plain);
    }
}
