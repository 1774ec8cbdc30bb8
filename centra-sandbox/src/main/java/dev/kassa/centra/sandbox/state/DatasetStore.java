package dev.kassa.centra.sandbox.state;

import dev.kassa.centra.sandbox.state.CentraDataset.AllocationRule;
import dev.kassa.centra.sandbox.state.CentraDataset.Campaign;
import dev.kassa.centra.sandbox.state.CentraDataset.CampaignPrice;
import dev.kassa.centra.sandbox.state.CentraDataset.Country;
import dev.kassa.centra.sandbox.state.CentraDataset.Market;
import dev.kassa.centra.sandbox.state.CentraDataset.OrderApi;
import dev.kassa.centra.sandbox.state.CentraDataset.Price;
import dev.kassa.centra.sandbox.state.CentraDataset.Pricelist;
import dev.kassa.centra.sandbox.state.CentraDataset.Product;
import dev.kassa.centra.sandbox.state.CentraDataset.Size;
import dev.kassa.centra.sandbox.state.CentraDataset.Stock;
import dev.kassa.centra.sandbox.state.CentraDataset.Variant;
import dev.kassa.centra.sandbox.state.CentraDataset.Warehouse;
import dev.kassa.centra.sandbox.state.CentraDataset.Webhook;
import dev.kassa.common.db.Chunks;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Writes a whole dataset into the sandbox's tables and reads it back. Replacing is one transaction:
 * a document that fails half-way leaves the previous state as it was.
 */
@Repository
public class DatasetStore {

    /** Child tables first, so that deleting in this order never trips a foreign key. */
    private static final List<String> TABLES_IN_DELETE_ORDER = List.of(
            "centra_webhook_delivery", "centra_webhook_event", "centra_allocation_request_line",
            "centra_allocation_request", "centra_check_first_offer", "centra_shipment_line", "centra_shipment",
            "centra_line_allocation", "centra_order_line", "centra_order", "centra_customer",
            "centra_notification", "centra_webhook",
            "centra_order_api_order_status", "centra_order_api_endpoint", "centra_order_api_virtual_warehouse",
            "centra_order_api_market", "centra_order_api",
            "centra_stock_change_line", "centra_stock_change", "centra_stock", "centra_stock_item", "centra_variant_campaign_price", "centra_variant_price",
            "centra_variant_image", "centra_variant", "centra_product_attribute", "centra_product_category",
            "centra_product", "centra_allocation_rule", "centra_warehouse", "centra_campaign",
            "centra_pricelist_country", "centra_pricelist", "centra_market_country", "centra_market",
            "centra_country");

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final Settings settings;

    DatasetStore(JdbcClient jdbc, JdbcTemplate template, Settings settings) {
        this.jdbc = jdbc;
        this.template = template;
        this.settings = settings;
    }

    @Transactional
    public void replace(CentraDataset d) {
        DatasetValidator.check(d);
        for (String table : TABLES_IN_DELETE_ORDER) {
            template.update("delete from " + table);
        }
        // A new state starts its numbering afresh, so scripted scenarios see the same order numbers every run.
        template.update("update centra_counter set next_value = case name when 'order' then 1001 else 1 end");
        settings.put(Settings.TIME_ZONE, d.timeZone());
        settings.put(Settings.INITIALISED, "true");
        batch("insert into centra_country (code, name, tax_percent) values (?, ?, ?)",
                d.countries(), c -> new Object[]{c.code(), c.name(), c.taxPercent()});
        batch("insert into centra_market (id, name) values (?, ?)", d.markets(), m -> new Object[]{m.id(), m.name()});
        batch("insert into centra_market_country (market_id, country) values (?, ?)",
                pairs(d.markets(), Market::id, Market::countries), p -> p);
        batch("insert into centra_pricelist (id, name, currency) values (?, ?, ?)",
                d.pricelists(), p -> new Object[]{p.id(), p.name(), p.currency()});
        batch("insert into centra_pricelist_country (pricelist_id, country) values (?, ?)",
                pairs(d.pricelists(), Pricelist::id, Pricelist::countries), p -> p);
        batch("insert into centra_campaign (id, name, starts_at, ends_at) values (?, ?, ?, ?)",
                d.campaigns(), c -> new Object[]{c.id(), c.name(), timestamp(c.startsAt()), timestamp(c.endsAt())});
        batch("insert into centra_warehouse (id, name, policy, brick_and_mortar, stock_master) values (?, ?, ?, ?, ?)",
                d.warehouses(), w -> new Object[]{w.id(), w.name(), w.policy(), w.brickAndMortar(), w.stockMaster()});
        List<Object[]> rules = new ArrayList<>();
        for (AllocationRule r : d.allocationRules()) {
            for (int i = 0; i < r.warehouses().size(); i++) {
                rules.add(new Object[]{r.market(), r.warehouses().get(i), i});
            }
        }
        batch("insert into centra_allocation_rule (market_id, warehouse_id, position) values (?, ?, ?)", rules, r -> r);
        insertCatalogue(d.products());
        insertOrderApis(d.orderApi());
        List<Object[]> hooks = new ArrayList<>();
        for (int i = 0; i < d.webhooks().size(); i++) {
            Webhook w = d.webhooks().get(i);
            hooks.add(new Object[]{i, w.url(), w.secret(), w.version(), String.join(",", w.triggers()), w.retries(),
                    w.timeoutSeconds(), w.maxEvents()});
        }
        batch("""
                insert into centra_webhook (position, url, secret, version, triggers, retries, timeout_seconds, max_events)
                values (?, ?, ?, ?, ?, ?, ?, ?)""", hooks, h -> h);
    }

    private void insertCatalogue(List<Product> products) {
        List<Object[]> productRows = new ArrayList<>();
        List<Object[]> categories = new ArrayList<>();
        List<Object[]> attributes = new ArrayList<>();
        List<Object[]> variants = new ArrayList<>();
        List<Object[]> images = new ArrayList<>();
        List<Object[]> prices = new ArrayList<>();
        List<Object[]> campaignPrices = new ArrayList<>();
        List<Object[]> sizes = new ArrayList<>();
        List<Object[]> stock = new ArrayList<>();
        for (Product p : products) {
            productRows.add(new Object[]{p.productId(), p.sku(), p.name(), p.internalName(), p.brand(), p.collection(),
                    p.folder(), p.active(), timestamp(p.createdAt()), timestamp(p.modifiedAt()), p.description(),
                    p.shortDescription(), p.comment(), p.metaTitle(), p.metaDescription(), p.metaKeywords(),
                    p.weight(), p.weightUnit(), p.countryOfOrigin(), p.harmCode(), p.harmDescription()});
            for (int i = 0; i < p.categories().size(); i++) {
                categories.add(new Object[]{p.productId(), i, p.categories().get(i)});
            }
            p.attributes().forEach((k, v) -> attributes.add(new Object[]{p.productId(), k, v}));
            for (int vi = 0; vi < p.variants().size(); vi++) {
                Variant v = p.variants().get(vi);
                variants.add(new Object[]{v.variantId(), p.productId(), v.sku(), v.name(), vi});
                for (int i = 0; i < v.images().size(); i++) {
                    images.add(new Object[]{v.variantId(), i, v.images().get(i)});
                }
                for (Price price : v.prices()) {
                    prices.add(new Object[]{v.variantId(), price.pricelist(), price.price()});
                    for (CampaignPrice c : price.campaigns()) {
                        campaignPrices.add(new Object[]{v.variantId(), price.pricelist(), c.campaign(), c.price()});
                    }
                }
                for (int si = 0; si < v.sizes().size(); si++) {
                    Size s = v.sizes().get(si);
                    String fullSku = p.sku() + v.sku() + s.sizeSku();
                    sizes.add(new Object[]{s.stockItemId(), v.variantId(), si, s.sizeSku(), s.name(), s.comment(),
                            s.ean(), s.upc(), fullSku.isEmpty() ? null : fullSku, s.costPrice(), s.costPriceCurrency()});
                    for (Stock st : s.stock()) {
                        stock.add(new Object[]{s.stockItemId(), st.warehouse(), st.physical(), st.allocated(),
                                timestamp(p.modifiedAt())});
                    }
                }
            }
        }
        batch("""
                insert into centra_product (product_id, sku, name, internal_name, brand, collection, folder, active,
                    created_at, modified_at, description, short_description, comment, meta_title, meta_description,
                    meta_keywords, weight, weight_unit, country_of_origin, harm_code, harm_description)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", productRows, r -> r);
        batch("insert into centra_product_category (product_id, position, category) values (?, ?, ?)", categories, r -> r);
        batch("insert into centra_product_attribute (product_id, name, attribute_value) values (?, ?, ?)", attributes, r -> r);
        batch("insert into centra_variant (variant_id, product_id, sku, name, position) values (?, ?, ?, ?, ?)",
                variants, r -> r);
        batch("insert into centra_variant_image (variant_id, position, url) values (?, ?, ?)", images, r -> r);
        batch("insert into centra_variant_price (variant_id, pricelist_id, price) values (?, ?, ?)", prices, r -> r);
        batch("""
                insert into centra_variant_campaign_price (variant_id, pricelist_id, campaign_id, price)
                values (?, ?, ?, ?)""", campaignPrices, r -> r);
        batch("""
                insert into centra_stock_item (stock_item_id, variant_id, position, size_sku, size_name, size_comment,
                    ean, upc, full_sku, cost_price, cost_price_currency)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", sizes, r -> r);
        batch("""
                insert into centra_stock (stock_item_id, warehouse_id, physical, allocated, modified_at)
                values (?, ?, ?, ?, ?)""", stock, r -> r);
    }

    private void insertOrderApis(List<OrderApi> apis) {
        for (int i = 0; i < apis.size(); i++) {
            OrderApi a = apis.get(i);
            boolean all = a.endpoints().isString();
            jdbc.sql("""
                    insert into centra_order_api (uri, secret, primary_warehouse_id, all_endpoints, allow_order_create,
                        tax_country, return_cost_price, return_waiting_for_payment, return_on_hold, bundles_in_orders,
                        bundles_in_shipments, stock_update_mode, debug_logging, clamp_notification_email, position)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(a.uri(), a.secret(), a.primaryWarehouse(), all, a.allowOrderCreate(), a.taxCountry(),
                            a.returnCostPrice(), a.returnWaitingForPayment(), a.returnOnHold(), a.bundlesInOrders(),
                            a.bundlesInShipments(), a.stockUpdateMode(), a.debugLogging(), a.clampNotificationEmail(), i)
                    .update();
            for (Long m : a.markets()) {
                jdbc.sql("insert into centra_order_api_market (uri, market_id) values (?, ?)").params(a.uri(), m).update();
            }
            for (int w = 0; w < a.virtualWarehouses().size(); w++) {
                jdbc.sql("insert into centra_order_api_virtual_warehouse (uri, warehouse_id, position) values (?, ?, ?)")
                        .params(a.uri(), a.virtualWarehouses().get(w), w).update();
            }
            if (!all) {
                for (JsonNode e : a.endpoints()) {
                    jdbc.sql("insert into centra_order_api_endpoint (uri, endpoint) values (?, ?)")
                            .params(a.uri(), e.asString()).update();
                }
            }
            for (String s : a.orderStatuses()) {
                jdbc.sql("insert into centra_order_api_order_status (uri, status) values (?, ?)").params(a.uri(), s).update();
            }
        }
    }

    // --- export ---------------------------------------------------------------------------------------

    @Transactional(readOnly = true)
    public CentraDataset export() {
        List<Country> countries = jdbc.sql("select code, name, tax_percent from centra_country order by code")
                .query((rs, n) -> new Country(rs.getString(1), rs.getString(2), Decimals.plain(rs.getBigDecimal(3)))).list();
        Map<Long, List<String>> marketCountries = groupStrings(
                "select market_id, country from centra_market_country order by market_id, country");
        List<Market> markets = jdbc.sql("select id, name from centra_market order by id")
                .query((rs, n) -> new Market(rs.getLong(1), rs.getString(2), marketCountries.get(rs.getLong(1)))).list();
        Map<Long, List<String>> pricelistCountries = groupStrings(
                "select pricelist_id, country from centra_pricelist_country order by pricelist_id, country");
        List<Pricelist> pricelists = jdbc.sql("select id, name, currency from centra_pricelist order by id")
                .query((rs, n) -> new Pricelist(rs.getLong(1), rs.getString(2), rs.getString(3),
                        pricelistCountries.get(rs.getLong(1)))).list();
        List<Campaign> campaigns = jdbc.sql("select id, name, starts_at, ends_at from centra_campaign order by id")
                .query((rs, n) -> new Campaign(rs.getLong(1), rs.getString(2), text(rs.getTimestamp(3)),
                        text(rs.getTimestamp(4)))).list();
        List<Warehouse> warehouses = jdbc.sql(
                        "select id, name, policy, brick_and_mortar, stock_master from centra_warehouse order by id")
                .query((rs, n) -> new Warehouse(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5))).list();
        Map<Long, List<Long>> ruleWarehouses = new TreeMap<>();
        jdbc.sql("select market_id, warehouse_id from centra_allocation_rule order by market_id, position")
                .query(rs -> {
                    ruleWarehouses.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getLong(2));
                });
        List<AllocationRule> rules = ruleWarehouses.entrySet().stream()
                .map(e -> new AllocationRule(e.getKey(), e.getValue())).toList();
        return new CentraDataset(settings.get(Settings.TIME_ZONE).orElse(CentraDataset.DEFAULT_TIME_ZONE),
                countries, markets, pricelists, campaigns, warehouses, rules, exportProducts(), exportOrderApis(),
                exportWebhooks(), null);
    }

    private List<Product> exportProducts() {
        Map<Long, List<String>> categories = groupStrings(
                "select product_id, category from centra_product_category order by product_id, position");
        Map<Long, Map<String, String>> attributes = new TreeMap<>();
        jdbc.sql("select product_id, name, attribute_value from centra_product_attribute order by product_id, name").query(rs -> {
            attributes.computeIfAbsent(rs.getLong(1), k -> new LinkedHashMap<>()).put(rs.getString(2), rs.getString(3));
        });
        Map<Long, List<String>> images = groupStrings(
                "select variant_id, url from centra_variant_image order by variant_id, position");
        Map<String, List<CampaignPrice>> campaignPrices = new LinkedHashMap<>();
        jdbc.sql("""
                select variant_id, pricelist_id, campaign_id, price from centra_variant_campaign_price
                order by variant_id, pricelist_id, campaign_id""").query(rs -> {
            campaignPrices.computeIfAbsent(rs.getLong(1) + "/" + rs.getLong(2), k -> new ArrayList<>())
                    .add(new CampaignPrice(rs.getLong(3), Decimals.plain(rs.getBigDecimal(4))));
        });
        Map<Long, List<Price>> prices = new LinkedHashMap<>();
        jdbc.sql("select variant_id, pricelist_id, price from centra_variant_price order by variant_id, pricelist_id")
                .query(rs -> {
                    long variant = rs.getLong(1);
                    long pricelist = rs.getLong(2);
                    prices.computeIfAbsent(variant, k -> new ArrayList<>()).add(new Price(pricelist,
                            Decimals.plain(rs.getBigDecimal(3)), campaignPrices.get(variant + "/" + pricelist)));
                });
        Map<Long, List<Stock>> stock = new LinkedHashMap<>();
        jdbc.sql("""
                select stock_item_id, warehouse_id, physical, allocated from centra_stock
                where physical <> 0 or allocated <> 0 order by stock_item_id, warehouse_id""").query(rs -> {
            stock.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                    .add(new Stock(rs.getLong(2), rs.getInt(3), rs.getInt(4)));
        });
        Map<Long, List<Size>> sizes = new LinkedHashMap<>();
        jdbc.sql("""
                select stock_item_id, variant_id, size_sku, size_name, size_comment, ean, upc, cost_price,
                       cost_price_currency
                from centra_stock_item order by variant_id, position""").query(rs -> {
            long id = rs.getLong(1);
            sizes.computeIfAbsent(rs.getLong(2), k -> new ArrayList<>()).add(new Size(id, rs.getString(3),
                    rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), Decimals.plain(rs.getBigDecimal(8)),
                    rs.getString(9), stock.get(id)));
        });
        Map<Long, List<Variant>> variants = new LinkedHashMap<>();
        jdbc.sql("select variant_id, product_id, sku, name from centra_variant order by product_id, position")
                .query(rs -> {
                    long id = rs.getLong(1);
                    variants.computeIfAbsent(rs.getLong(2), k -> new ArrayList<>()).add(new Variant(id,
                            rs.getString(3), rs.getString(4), images.get(id), prices.get(id), sizes.get(id)));
                });
        return jdbc.sql("""
                select product_id, sku, name, internal_name, brand, collection, folder, active, created_at,
                       modified_at, description, short_description, comment, meta_title, meta_description,
                       meta_keywords, weight, weight_unit, country_of_origin, harm_code, harm_description
                from centra_product order by product_id""").query((rs, n) -> {
            long id = rs.getLong(1);
            return new Product(id, rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                    rs.getString(6), rs.getString(7), categories.get(id), rs.getBoolean(8), text(rs.getTimestamp(9)),
                    text(rs.getTimestamp(10)), rs.getString(11), rs.getString(12), rs.getString(13), rs.getString(14),
                    rs.getString(15), rs.getString(16), Decimals.plain(rs.getBigDecimal(17)), rs.getString(18),
                    rs.getString(19), rs.getString(20), rs.getString(21), attributes.get(id), variants.get(id));
        }).list();
    }

    private List<OrderApi> exportOrderApis() {
        Map<String, List<Long>> markets = new LinkedHashMap<>();
        jdbc.sql("select uri, market_id from centra_order_api_market order by uri, market_id").query(rs -> {
            markets.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getLong(2));
        });
        Map<String, List<Long>> virtual = new LinkedHashMap<>();
        jdbc.sql("select uri, warehouse_id from centra_order_api_virtual_warehouse order by uri, position").query(rs -> {
            virtual.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getLong(2));
        });
        Map<String, ArrayNode> endpoints = new LinkedHashMap<>();
        jdbc.sql("select uri, endpoint from centra_order_api_endpoint order by uri, endpoint").query(rs -> {
            endpoints.computeIfAbsent(rs.getString(1), k -> JsonNodeFactory.instance.arrayNode()).add(rs.getString(2));
        });
        Map<String, List<String>> statuses = new LinkedHashMap<>();
        jdbc.sql("select uri, status from centra_order_api_order_status order by uri, status").query(rs -> {
            statuses.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
        });
        return jdbc.sql("""
                select uri, secret, primary_warehouse_id, all_endpoints, allow_order_create, tax_country,
                       return_cost_price, return_waiting_for_payment, return_on_hold, bundles_in_orders,
                       bundles_in_shipments, stock_update_mode, debug_logging, clamp_notification_email
                from centra_order_api order by position""").query((rs, n) -> {
            String uri = rs.getString(1);
            JsonNode eps = rs.getBoolean(4) ? JsonNodeFactory.instance.stringNode("all")
                    : endpoints.getOrDefault(uri, JsonNodeFactory.instance.arrayNode());
            return new OrderApi(uri, rs.getString(2), markets.get(uri), rs.getLong(3), virtual.get(uri), eps,
                    rs.getBoolean(5), rs.getString(6), rs.getBoolean(7), statuses.getOrDefault(uri, List.of()),
                    rs.getBoolean(8), rs.getBoolean(9), rs.getString(10), rs.getString(11), rs.getString(12),
                    rs.getBoolean(13), rs.getString(14));
        }).list();
    }

    private List<Webhook> exportWebhooks() {
        return jdbc.sql("""
                select url, secret, version, triggers, retries, timeout_seconds, max_events
                from centra_webhook order by position""").query((rs, n) -> new Webhook(rs.getString(1),
                rs.getString(2), rs.getString(3), rs.getString(4).isEmpty() ? List.of() : List.of(rs.getString(4).split(",")),
                rs.getInt(5), rs.getInt(6), rs.getInt(7))).list();
    }

    // --- helpers --------------------------------------------------------------------------------------

    private <T> void batch(String sql, List<T> rows, Function<T, Object[]> toArgs) {
        Chunks.batchUpdate(template, sql, rows.stream().map(toArgs).toList());
    }

    private static <T> List<Object[]> pairs(List<T> owners, Function<T, Long> id, Function<T, List<String>> values) {
        List<Object[]> rows = new ArrayList<>();
        for (T owner : owners) {
            for (String v : values.apply(owner)) {
                rows.add(new Object[]{id.apply(owner), v});
            }
        }
        return rows;
    }

    private Map<Long, List<String>> groupStrings(String sql) {
        Map<Long, List<String>> out = new LinkedHashMap<>();
        jdbc.sql(sql).query(rs -> {
            out.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2));
        });
        return out;
    }

    private static Timestamp timestamp(String localDateTime) {
        return LocalDateTimes.parse(localDateTime).map(Timestamp::valueOf).orElse(null);
    }

    private static String text(Timestamp t) {
        return t == null ? null : LocalDateTimes.format(t.toLocalDateTime());
    }
}
