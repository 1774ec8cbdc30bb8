package dev.kassa.centra.sandbox.state;

import dev.kassa.common.sandbox.InvalidDatasetException;
import dev.kassa.common.sandbox.FieldError;
import dev.kassa.centra.sandbox.orderapi.OrderApiEndpoint;
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
import java.math.BigDecimal;
import java.net.URI;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Checks a whole dataset before anything is written and reports every problem with its path, so that
 * one {@code PUT /sandbox/state} shows the integrator all that is wrong at once.
 */
public final class DatasetValidator {

    public static final Set<String> POLICIES = Set.of("direct", "direct-then-confirm", "check-first");
    public static final Set<String> STOCK_MASTERS = Set.of("centra", "external");
    public static final Set<String> BUNDLE_MODES = Set.of(
            "only-containing-items", "containing-items-in-bundles", "only-bundles", "bundles-and-containing-items");
    public static final Set<String> STOCK_UPDATE_MODES = Set.of("physical", "fta");
    public static final Set<String> WEBHOOK_VERSIONS = Set.of("integration", "checkout", "storefront");
    public static final Set<String> WEBHOOK_TRIGGERS = Set.of(
            "order", "shipment", "customer", "account", "return", "check_first", "allocation_request");
    private static final Pattern URI_SEGMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

    private final List<FieldError> errors = new ArrayList<>();

    private DatasetValidator() {
    }

    /** Throws {@link InvalidDatasetException} listing every problem; returns normally when the dataset loads. */
    public static void check(CentraDataset d) {
        DatasetValidator v = new DatasetValidator();
        v.validate(d);
        if (!v.errors.isEmpty()) {
            throw new InvalidDatasetException(v.errors);
        }
    }

    private void validate(CentraDataset d) {
        try {
            ZoneId.of(d.timeZone());
        } catch (DateTimeException e) {
            error("timeZone", "'" + d.timeZone() + "' is not a time zone id such as Europe/Stockholm");
        }

        Set<String> countryCodes = new HashSet<>();
        forEach("countries", d.countries(), (p, c) -> validateCountry(p, c, countryCodes));

        Set<Long> marketIds = new HashSet<>();
        forEach("markets", d.markets(), (p, m) -> {
            unique(p + ".id", m.id(), marketIds);
            required(p + ".name", m.name());
            countries(p + ".countries", m.countries());
        });

        Set<Long> pricelistIds = new HashSet<>();
        forEach("pricelists", d.pricelists(), (p, pl) -> {
            unique(p + ".id", pl.id(), pricelistIds);
            required(p + ".name", pl.name());
            matches(p + ".currency", pl.currency(), CURRENCY, "an ISO 4217 code such as SEK");
            countries(p + ".countries", pl.countries());
        });

        Set<Long> campaignIds = new HashSet<>();
        forEach("campaigns", d.campaigns(), (p, c) -> validateCampaign(p, c, campaignIds));

        Map<Long, Warehouse> warehouses = new HashMap<>();
        Set<Long> warehouseIds = new HashSet<>();
        forEach("warehouses", d.warehouses(), (p, w) -> {
            if (unique(p + ".id", w.id(), warehouseIds)) {
                warehouses.put(w.id(), w);
            }
            required(p + ".name", w.name());
            oneOf(p + ".policy", w.policy(), POLICIES);
            oneOf(p + ".stockMaster", w.stockMaster(), STOCK_MASTERS);
        });

        Set<Long> ruleMarkets = new HashSet<>();
        forEach("allocationRules", d.allocationRules(), (p, r) -> validateRule(p, r, marketIds, warehouses, ruleMarkets));

        Ids ids = new Ids();
        forEach("products", d.products(), (p, product) ->
                validateProduct(p, product, ids, pricelistIds, campaignIds, warehouses.keySet()));

        Set<String> uris = new HashSet<>();
        forEach("orderApi", d.orderApi(), (p, api) -> validateOrderApi(p, api, uris, marketIds, warehouses, countryCodes));

        forEach("webhooks", d.webhooks(), this::validateWebhook);
    }

    private void validateCountry(String p, Country c, Set<String> codes) {
        if (matches(p + ".code", c.code(), COUNTRY, "an ISO 3166 alpha-2 code such as SE") && !codes.add(c.code())) {
            error(p + ".code", "country " + c.code() + " is listed twice");
        }
        required(p + ".name", c.name());
        if (c.taxPercent() == null) {
            error(p + ".taxPercent", "is required");
        } else if (c.taxPercent().signum() < 0 || c.taxPercent().compareTo(BigDecimal.valueOf(100)) > 0) {
            error(p + ".taxPercent", "must be between 0 and 100");
        }
    }

    private void validateCampaign(String p, Campaign c, Set<Long> ids) {
        unique(p + ".id", c.id(), ids);
        required(p + ".name", c.name());
        LocalDateTime start = dateTime(p + ".startsAt", c.startsAt(), false);
        LocalDateTime end = dateTime(p + ".endsAt", c.endsAt(), false);
        if (start != null && end != null && !end.isAfter(start)) {
            error(p + ".endsAt", "must be after startsAt");
        }
    }

    private void validateRule(String p, AllocationRule r, Set<Long> markets, Map<Long, Warehouse> warehouses,
                              Set<Long> ruleMarkets) {
        if (r.market() == null) {
            error(p + ".market", "is required");
        } else if (!markets.contains(r.market())) {
            error(p + ".market", "market " + r.market() + " does not exist");
        } else if (!ruleMarkets.add(r.market())) {
            error(p + ".market", "market " + r.market() + " already has an allocation rule");
        }
        if (r.warehouses().isEmpty()) {
            error(p + ".warehouses", "must name at least one warehouse");
        }
        Set<Long> seen = new HashSet<>();
        forEach(p + ".warehouses", r.warehouses(), (wp, w) -> {
            if (!warehouses.containsKey(w)) {
                error(wp, "warehouse " + w + " does not exist");
            } else if (!seen.add(w)) {
                error(wp, "warehouse " + w + " is listed twice");
            }
        });
    }

    /** Identifiers that must be unique across the whole catalogue. */
    private static final class Ids {
        final Set<Long> products = new HashSet<>();
        final Set<Long> variants = new HashSet<>();
        final Set<Long> stockItems = new HashSet<>();
        final Map<String, String> eans = new HashMap<>();
        final Map<String, String> upcs = new HashMap<>();
        final Map<String, String> fullSkus = new HashMap<>();
    }

    private void validateProduct(String p, Product product, Ids ids, Set<Long> pricelists, Set<Long> campaigns,
                                 Set<Long> warehouses) {
        unique(p + ".productId", product.productId(), ids.products);
        required(p + ".name", product.name());
        dateTime(p + ".createdAt", product.createdAt(), true);
        dateTime(p + ".modifiedAt", product.modifiedAt(), true);
        if (!"kg".equals(product.weightUnit()) && !"lb".equals(product.weightUnit())) {
            error(p + ".weightUnit", "must be kg or lb");
        }
        if (!product.countryOfOrigin().isEmpty()) {
            matches(p + ".countryOfOrigin", product.countryOfOrigin(), COUNTRY, "an ISO 3166 alpha-2 code or empty");
        }
        forEach(p + ".categories", product.categories(), (cp, c) -> required(cp, c));
        if (product.variants().isEmpty()) {
            error(p + ".variants", "a product needs at least one variant");
        }
        forEach(p + ".variants", product.variants(), (vp, v) -> validateVariant(vp, product, v, ids, pricelists,
                campaigns, warehouses));
    }

    private void validateVariant(String p, Product product, Variant v, Ids ids, Set<Long> pricelists,
                                 Set<Long> campaigns, Set<Long> warehouses) {
        unique(p + ".variantId", v.variantId(), ids.variants);
        required(p + ".name", v.name());
        forEach(p + ".images", v.images(), (ip, url) -> required(ip, url));
        Set<Long> seenPricelists = new HashSet<>();
        forEach(p + ".prices", v.prices(), (pp, price) -> validatePrice(pp, price, seenPricelists, pricelists, campaigns));
        if (v.sizes().isEmpty()) {
            error(p + ".sizes", "a variant needs at least one size");
        }
        forEach(p + ".sizes", v.sizes(), (sp, s) -> validateSize(sp, product, v, s, ids, warehouses));
    }

    private void validatePrice(String p, Price price, Set<Long> seen, Set<Long> pricelists, Set<Long> campaigns) {
        if (price.pricelist() == null) {
            error(p + ".pricelist", "is required");
        } else if (!pricelists.contains(price.pricelist())) {
            error(p + ".pricelist", "pricelist " + price.pricelist() + " does not exist");
        } else if (!seen.add(price.pricelist())) {
            error(p + ".pricelist", "the variant already has a price in pricelist " + price.pricelist());
        }
        amount(p + ".price", price.price());
        Set<Long> seenCampaigns = new HashSet<>();
        forEach(p + ".campaigns", price.campaigns(), (cp, c) -> validateCampaignPrice(cp, c, seenCampaigns, campaigns));
    }

    private void validateCampaignPrice(String p, CampaignPrice c, Set<Long> seen, Set<Long> campaigns) {
        if (c.campaign() == null) {
            error(p + ".campaign", "is required");
        } else if (!campaigns.contains(c.campaign())) {
            error(p + ".campaign", "campaign " + c.campaign() + " does not exist");
        } else if (!seen.add(c.campaign())) {
            error(p + ".campaign", "campaign " + c.campaign() + " is listed twice");
        }
        amount(p + ".price", c.price());
    }

    private void validateSize(String p, Product product, Variant v, Size s, Ids ids, Set<Long> warehouses) {
        unique(p + ".stockItemId", s.stockItemId(), ids.stockItems);
        required(p + ".name", s.name());
        identifier(p + ".ean", s.ean(), ids.eans);
        identifier(p + ".upc", s.upc(), ids.upcs);
        String fullSku = product.sku() + v.sku() + s.sizeSku();
        if (!fullSku.isEmpty()) {
            String other = ids.fullSkus.putIfAbsent(fullSku, p);
            if (other != null) {
                error(p + ".sizeSku", "sku + variant sku + size sku '" + fullSku + "' is also the full SKU of "
                        + other + "; POST stock could not tell them apart");
            }
        }
        if (s.costPrice() != null) {
            amount(p + ".costPrice", s.costPrice());
        }
        if (s.costPriceCurrency() != null) {
            matches(p + ".costPriceCurrency", s.costPriceCurrency(), CURRENCY, "an ISO 4217 code such as SEK");
        }
        Set<Long> seen = new HashSet<>();
        forEach(p + ".stock", s.stock(), (stp, st) -> validateStock(stp, st, seen, warehouses));
    }

    private void validateStock(String p, Stock st, Set<Long> seen, Set<Long> warehouses) {
        if (st.warehouse() == null) {
            error(p + ".warehouse", "is required");
        } else if (!warehouses.contains(st.warehouse())) {
            error(p + ".warehouse", "warehouse " + st.warehouse() + " does not exist");
        } else if (!seen.add(st.warehouse())) {
            error(p + ".warehouse", "the size already has stock in warehouse " + st.warehouse());
        }
        if (st.physical() == null) {
            error(p + ".physical", "is required");
        } else if (st.allocated() < 0) {
            error(p + ".allocated", "must not be negative");
        } else if (st.physical() < st.allocated()) {
            error(p + ".physical", "must be at least allocated (" + st.allocated() + "): physical = allocated + available");
        }
    }

    private void validateOrderApi(String p, OrderApi api, Set<String> uris, Set<Long> markets,
                                  Map<Long, Warehouse> warehouses, Set<String> countries) {
        if (matches(p + ".uri", api.uri(), URI_SEGMENT, "one path segment of letters, digits, '.', '_' or '-'")
                && !uris.add(api.uri())) {
            error(p + ".uri", "another Order API instance is already served at /api/" + api.uri());
        }
        required(p + ".secret", api.secret());
        forEach(p + ".markets", api.markets(), (mp, m) -> {
            if (!markets.contains(m)) {
                error(mp, "market " + m + " does not exist");
            }
        });
        if (api.primaryWarehouse() == null) {
            error(p + ".primaryWarehouse", "is required");
        } else if (!warehouses.containsKey(api.primaryWarehouse())) {
            error(p + ".primaryWarehouse", "warehouse " + api.primaryWarehouse() + " does not exist");
        }
        Warehouse primary = warehouses.get(api.primaryWarehouse());
        Set<Long> seenVirtual = new HashSet<>();
        forEach(p + ".virtualWarehouses", api.virtualWarehouses(), (vp, w) -> {
            Warehouse wh = warehouses.get(w);
            if (wh == null) {
                error(vp, "warehouse " + w + " does not exist");
            } else if (w.equals(api.primaryWarehouse()) || !seenVirtual.add(w)) {
                error(vp, "warehouse " + w + " is already connected to this instance");
            } else if ("external".equals(wh.stockMaster())) {
                error(vp, "warehouse " + w + " has stock master External and cannot be virtual");
            } else if (primary != null && "external".equals(primary.stockMaster())) {
                error(vp, "the primary warehouse has stock master External, so virtual warehouses are disabled");
            }
        });
        validateEndpoints(p + ".endpoints", api.endpoints());
        if (api.taxCountry() != null && !countries.contains(api.taxCountry())) {
            error(p + ".taxCountry", "country " + api.taxCountry() + " is not in countries, so its tax is unknown");
        }
        forEach(p + ".orderStatuses", api.orderStatuses(), (sp, s) -> oneOf(sp, s, Set.copyOf(OrderApi.ALL_ORDER_STATUSES)));
        oneOf(p + ".bundlesInOrders", api.bundlesInOrders(), BUNDLE_MODES);
        oneOf(p + ".bundlesInShipments", api.bundlesInShipments(), BUNDLE_MODES);
        oneOf(p + ".stockUpdateMode", api.stockUpdateMode(), STOCK_UPDATE_MODES);
    }

    private void validateEndpoints(String p, JsonNode endpoints) {
        if (endpoints.isString() && "all".equals(endpoints.asString())) {
            return;
        }
        if (!endpoints.isArray()) {
            error(p, "must be \"all\" or a list of endpoint keys");
            return;
        }
        for (int i = 0; i < endpoints.size(); i++) {
            JsonNode e = endpoints.get(i);
            if (!e.isString() || OrderApiEndpoint.byKey(e.asString()).isEmpty()) {
                error(p + "[" + i + "]", "unknown endpoint " + e + "; known: " + endpointKeys());
            }
        }
    }

    private void validateWebhook(String p, Webhook w) {
        try {
            URI uri = URI.create(w.url() == null ? "" : w.url());
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                error(p + ".url", "must be an http or https URL");
            }
        } catch (IllegalArgumentException e) {
            error(p + ".url", "must be an http or https URL");
        }
        oneOf(p + ".version", w.version(), WEBHOOK_VERSIONS);
        forEach(p + ".triggers", w.triggers(), (tp, t) -> oneOf(tp, t, WEBHOOK_TRIGGERS));
        if (w.retries() < 0 || w.retries() > 3) {
            error(p + ".retries", "must be between 0 and 3");
        }
        if (w.timeoutSeconds() < 1 || w.timeoutSeconds() > 60) {
            error(p + ".timeoutSeconds", "must be between 1 and 60");
        }
        if (w.maxEvents() < 1 || w.maxEvents() > 1000) {
            error(p + ".maxEvents", "must be between 1 and 1000");
        }
    }

    private static String endpointKeys() {
        StringBuilder sb = new StringBuilder();
        for (OrderApiEndpoint e : OrderApiEndpoint.values()) {
            sb.append(sb.isEmpty() ? "" : ", ").append(e.key());
        }
        return sb.toString();
    }

    // --- small checks -------------------------------------------------------------------------------

    private interface ElementCheck<T> {
        void check(String path, T element);
    }

    private <T> void forEach(String path, List<T> list, ElementCheck<T> check) {
        for (int i = 0; i < list.size(); i++) {
            T element = list.get(i);
            String p = path + "[" + i + "]";
            if (element == null) {
                error(p, "must not be null");
            } else {
                check.check(p, element);
            }
        }
    }

    private boolean unique(String path, Long id, Set<Long> seen) {
        if (id == null) {
            error(path, "is required");
            return false;
        }
        if (id <= 0) {
            error(path, "must be a positive number");
            return false;
        }
        if (!seen.add(id)) {
            error(path, id + " is used twice");
            return false;
        }
        return true;
    }

    private void identifier(String path, String value, Map<String, String> seen) {
        if (value == null) {
            return;
        }
        String other = seen.putIfAbsent(value, path);
        if (other != null) {
            error(path, "'" + value + "' is also used at " + other);
        }
    }

    private void required(String path, String value) {
        if (value == null || value.isBlank()) {
            error(path, "is required");
        }
    }

    private boolean matches(String path, String value, Pattern pattern, String expected) {
        if (value == null) {
            error(path, "is required");
            return false;
        }
        if (!pattern.matcher(value).matches()) {
            error(path, "'" + value + "' is not " + expected);
            return false;
        }
        return true;
    }

    private void oneOf(String path, String value, Set<String> allowed) {
        if (value == null || !allowed.contains(value)) {
            error(path, (value == null ? "is required" : "'" + value + "' is not allowed") + "; one of "
                    + allowed.stream().sorted().toList());
        }
    }

    private void countries(String path, List<String> codes) {
        forEach(path, codes, (p, c) -> matches(p, c, COUNTRY, "an ISO 3166 alpha-2 code such as SE"));
    }

    private void amount(String path, BigDecimal amount) {
        if (amount == null) {
            error(path, "is required");
        } else if (amount.signum() < 0) {
            error(path, "must not be negative");
        } else if (amount.stripTrailingZeros().scale() > 2) {
            error(path, "has more than two decimals");
        }
    }

    private LocalDateTime dateTime(String path, String value, boolean required) {
        if (value == null) {
            if (required) {
                error(path, "is required (YYYY-MM-DD HH:MM:SS)");
            }
            return null;
        }
        return LocalDateTimes.parse(value).orElseGet(() -> {
            error(path, "'" + value + "' is not a date-time YYYY-MM-DD HH:MM:SS");
            return null;
        });
    }

    private void error(String path, String message) {
        errors.add(new FieldError(path, message));
    }
}
