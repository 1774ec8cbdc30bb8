package dev.kassa.centra.sandbox.orderapi;

import dev.kassa.centra.sandbox.orderapi.OrderApiInstance.StockUpdateMode;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The installed Order API plugins, read from the database once and kept until the state is replaced
 * ({@link #reload()}), because every Order API request needs its instance before anything else.
 */
@Repository
public class OrderApiInstances {

    private final JdbcClient jdbc;
    private volatile Map<String, OrderApiInstance> byUri;

    OrderApiInstances(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<OrderApiInstance> find(String uri) {
        Map<String, OrderApiInstance> current = byUri;
        if (current == null) {
            current = reload();
        }
        return Optional.ofNullable(current.get(uri));
    }

    public List<OrderApiInstance> all() {
        Map<String, OrderApiInstance> current = byUri;
        return List.copyOf((current == null ? reload() : current).values());
    }

    /** Re-reads the instances; called after every committed change of the state. */
    public synchronized Map<String, OrderApiInstance> reload() {
        Map<String, List<Long>> warehouses = new HashMap<>();
        jdbc.sql("select uri, warehouse_id from centra_order_api_virtual_warehouse order by uri, position")
                .query(rs -> {
                    warehouses.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getLong(2));
                });
        Map<String, Set<OrderApiEndpoint>> endpoints = new HashMap<>();
        jdbc.sql("select uri, endpoint from centra_order_api_endpoint").query(rs -> {
            String uri = rs.getString(1);
            OrderApiEndpoint.byKey(rs.getString(2)).ifPresent(e ->
                    endpoints.computeIfAbsent(uri, k -> EnumSet.noneOf(OrderApiEndpoint.class)).add(e));
        });
        Map<String, Set<Long>> markets = new HashMap<>();
        jdbc.sql("select uri, market_id from centra_order_api_market").query(rs -> {
            markets.computeIfAbsent(rs.getString(1), k -> new HashSet<>()).add(rs.getLong(2));
        });
        Map<String, Set<String>> statuses = new HashMap<>();
        jdbc.sql("select uri, status from centra_order_api_order_status").query(rs -> {
            statuses.computeIfAbsent(rs.getString(1), k -> new HashSet<>()).add(rs.getString(2));
        });
        Map<Long, Set<Long>> pricelistsByMarket = new HashMap<>();
        jdbc.sql("""
                select distinct mc.market_id, pc.pricelist_id
                from centra_market_country mc join centra_pricelist_country pc on pc.country = mc.country""")
                .query(rs -> {
                    pricelistsByMarket.computeIfAbsent(rs.getLong(1), k -> new HashSet<>()).add(rs.getLong(2));
                });
        Set<Long> allPricelists = new HashSet<>(jdbc.sql("select id from centra_pricelist").query(Long.class).list());

        Map<String, OrderApiInstance> loaded = new LinkedHashMap<>();
        jdbc.sql("""
                select a.uri, a.secret, a.primary_warehouse_id, a.all_endpoints, a.allow_order_create, a.tax_country,
                       c.tax_percent, a.return_cost_price, a.return_waiting_for_payment, a.return_on_hold,
                       a.bundles_in_orders, a.bundles_in_shipments, a.stock_update_mode, a.debug_logging,
                       a.clamp_notification_email
                from centra_order_api a left join centra_country c on c.code = a.tax_country
                order by a.position""").query(rs -> {
            String uri = rs.getString(1);
            List<Long> whs = new ArrayList<>();
            whs.add(rs.getLong(3));
            whs.addAll(warehouses.getOrDefault(uri, List.of()));
            Set<Long> instanceMarkets = markets.getOrDefault(uri, Set.of());
            Set<Long> pricelists = new HashSet<>();
            if (instanceMarkets.isEmpty()) {
                pricelists.addAll(allPricelists);
            } else {
                instanceMarkets.forEach(m -> pricelists.addAll(pricelistsByMarket.getOrDefault(m, Set.of())));
            }
            loaded.put(uri, new OrderApiInstance(uri, rs.getString(2), rs.getLong(3), List.copyOf(whs),
                    rs.getBoolean(4) ? EnumSet.allOf(OrderApiEndpoint.class)
                            : endpoints.getOrDefault(uri, EnumSet.noneOf(OrderApiEndpoint.class)),
                    Set.copyOf(instanceMarkets), Set.copyOf(pricelists), rs.getBoolean(5), rs.getString(6),
                    rs.getBigDecimal(7), rs.getBoolean(8), statuses.getOrDefault(uri, Set.of()), rs.getBoolean(9),
                    rs.getBoolean(10), rs.getString(11), rs.getString(12),
                    StockUpdateMode.valueOf(rs.getString(13).toUpperCase(Locale.ROOT)), rs.getBoolean(14),
                    rs.getString(15)));
        });
        byUri = Map.copyOf(loaded);
        return byUri;
    }
}
