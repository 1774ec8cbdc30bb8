package dev.kassa.centara.sandbox.orders;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** What Centara expects to exist already (spec A: "fairly tightly coupled"), looked up in bulk per request. */
@Repository
public class Registry {

    private final JdbcClient jdbc;

    Registry(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The store's time zone id, if the store exists. */
    public Optional<String> storeZone(int storeId) {
        return jdbc.sql("select time_zone from centara_store where store_id = ?").param(storeId).query(String.class)
                .optional();
    }

    public Set<String> existingCustomers(Collection<String> ids) {
        return existing("select customer_id from centara_customer where customer_id in (:ids)", ids);
    }

    public Set<String> existingItems(Collection<String> ids) {
        return existing("select item_id from centara_item where item_id in (:ids)", ids);
    }

    public Set<Integer> existingTenders(Collection<Integer> codes) {
        if (codes.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.sql("select tender_code from centara_tender where tender_code in (:ids)")
                .paramSource(new MapSqlParameterSource("ids", List.copyOf(codes))).query(Integer.class).list());
    }

    /** Info code id → description (null when the registry has none) for the ids that exist. */
    public Map<String, String> infoCodes(Collection<String> ids) {
        Map<String, String> out = new HashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        jdbc.sql("select id, description from centara_info_code where id in (:ids)")
                .paramSource(new MapSqlParameterSource("ids", List.copyOf(new HashSet<>(ids))))
                .query((rs, n) -> out.put(rs.getString(1), rs.getString(2))).list();
        return out;
    }

    private Set<String> existing(String sql, Collection<String> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.sql(sql).paramSource(new MapSqlParameterSource("ids", List.copyOf(new HashSet<>(ids))))
                .query(String.class).list());
    }
}
