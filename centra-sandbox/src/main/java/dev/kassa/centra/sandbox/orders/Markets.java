package dev.kassa.centra.sandbox.orders;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Markets, pricelists, countries and allocation rules, as order placement resolves them (§6.1). */
@Repository
public class Markets {

    public record Pricelist(long id, String currency) {
    }

    /** A warehouse of an allocation rule, in the rule's order. */
    public record RuleWarehouse(long id, String name, String policy) {
        public boolean checkFirst() {
            return "check-first".equals(policy);
        }

        public boolean directThenConfirm() {
            return "direct-then-confirm".equals(policy);
        }
    }

    private final JdbcClient jdbc;

    Markets(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Long> marketById(long id) {
        return jdbc.sql("select id from centra_market where id = ?").param(id).query(Long.class).optional();
    }

    public Optional<Long> marketByName(String name) {
        return jdbc.sql("select id from centra_market where name = ? order by id").param(name).query(Long.class).list()
                .stream().findFirst();
    }

    public Optional<Long> marketOfCountry(String country) {
        return jdbc.sql("select market_id from centra_market_country where country = ? order by market_id")
                .param(country).query(Long.class).list().stream().findFirst();
    }

    public Optional<Pricelist> pricelistById(long id) {
        return jdbc.sql("select id, currency from centra_pricelist where id = ?").param(id)
                .query((rs, n) -> new Pricelist(rs.getLong(1), rs.getString(2))).optional();
    }

    public Optional<Pricelist> pricelistByName(String name) {
        return jdbc.sql("select id, currency from centra_pricelist where name = ? order by id").param(name)
                .query((rs, n) -> new Pricelist(rs.getLong(1), rs.getString(2))).list().stream().findFirst();
    }

    public Optional<Pricelist> pricelistOfCountry(String country) {
        return jdbc.sql("""
                select p.id, p.currency from centra_pricelist p join centra_pricelist_country c on c.pricelist_id = p.id
                where c.country = ? order by p.id""").param(country)
                .query((rs, n) -> new Pricelist(rs.getLong(1), rs.getString(2))).list().stream().findFirst();
    }

    public boolean countryExists(String country) {
        return jdbc.sql("select count(*) from centra_country where code = ?").param(country).query(Integer.class)
                .single() > 0;
    }

    /** The country's VAT; 0 for a country the dataset does not list. */
    public BigDecimal taxPercent(String country) {
        return jdbc.sql("select tax_percent from centra_country where code = ?").param(country)
                .query(BigDecimal.class).optional().orElse(BigDecimal.ZERO);
    }

    public List<RuleWarehouse> rule(long market) {
        return jdbc.sql("""
                select w.id, w.name, w.policy from centra_allocation_rule r join centra_warehouse w on w.id = r.warehouse_id
                where r.market_id = ? order by r.position""").param(market)
                .query((rs, n) -> new RuleWarehouse(rs.getLong(1), rs.getString(2), rs.getString(3))).list();
    }

    public Optional<RuleWarehouse> warehouse(long id) {
        return jdbc.sql("select id, name, policy from centra_warehouse where id = ?").param(id)
                .query((rs, n) -> new RuleWarehouse(rs.getLong(1), rs.getString(2), rs.getString(3))).optional();
    }
}
