package dev.kassa.centra.sandbox.state;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The whole Centra sandbox state as one JSON document ({@code PUT/GET /sandbox/state}), per
 * {@code spec/sandbox-admin.md}. Absent optional fields take the defaults set here, so a document
 * exported by {@code GET} always carries every field and round-trips through {@code PUT}.
 * {@code activity} is what happened on top of the dataset (orders, shipments, check-first offers,
 * allocation requests): exported for reading, accepted and ignored by {@code PUT}, which always starts
 * the new state without activity (docs/decisions/0004).
 */
public record CentraDataset(
        String timeZone,
        List<Country> countries,
        List<Market> markets,
        List<Pricelist> pricelists,
        List<Campaign> campaigns,
        List<Warehouse> warehouses,
        List<AllocationRule> allocationRules,
        List<Product> products,
        List<OrderApi> orderApi,
        List<Webhook> webhooks,
        JsonNode activity) {

    public static final String DEFAULT_TIME_ZONE = "Europe/Stockholm";

    public CentraDataset {
        timeZone = timeZone == null ? DEFAULT_TIME_ZONE : timeZone;
        countries = listOf(countries);
        markets = listOf(markets);
        pricelists = listOf(pricelists);
        campaigns = listOf(campaigns);
        warehouses = listOf(warehouses);
        allocationRules = listOf(allocationRules);
        products = listOf(products);
        orderApi = listOf(orderApi);
        webhooks = listOf(webhooks);
    }

    public static CentraDataset empty() {
        return new CentraDataset(null, null, null, null, null, null, null, null, null, null, null);
    }

    /** The same dataset with {@code activity} (orders, shipments, offers, requests) attached, for export. */
    public CentraDataset withActivity(JsonNode activity) {
        return new CentraDataset(timeZone, countries, markets, pricelists, campaigns, warehouses, allocationRules,
                products, orderApi, webhooks, activity);
    }

    /** A country Centra sells in, with the VAT rate the "tax for country" setting applies (§13.5). */
    public record Country(String code, String name, BigDecimal taxPercent) {
    }

    public record Market(Long id, String name, List<String> countries) {
        public Market {
            countries = listOf(countries);
        }
    }

    public record Pricelist(Long id, String name, String currency, List<String> countries) {
        public Pricelist {
            countries = listOf(countries);
        }
    }

    /** A campaign is shown in {@code prices[].campaigns} while the sandbox clock is inside its window. */
    public record Campaign(Long id, String name, String startsAt, String endsAt) {
    }

    public record Warehouse(Long id, String name, String policy, String brickAndMortar, String stockMaster) {
        public Warehouse {
            policy = policy == null ? "direct" : policy;
            stockMaster = stockMaster == null ? "centra" : stockMaster;
        }
    }

    public record AllocationRule(Long market, List<Long> warehouses) {
        public AllocationRule {
            warehouses = listOf(warehouses);
        }
    }

    public record Product(
            Long productId, String sku, String name, String internalName, String brand, String collection,
            String folder, List<String> categories, Boolean active, String createdAt, String modifiedAt,
            String description, String shortDescription, String comment, String metaTitle,
            String metaDescription, String metaKeywords, BigDecimal weight, String weightUnit,
            String countryOfOrigin, String harmCode, String harmDescription, Map<String, String> attributes,
            List<Variant> variants) {
        public Product {
            sku = sku == null ? "" : sku;
            internalName = internalName == null ? name : internalName;
            folder = folder == null ? "" : folder;
            categories = listOf(categories);
            active = active == null || active;
            modifiedAt = modifiedAt == null ? createdAt : modifiedAt;
            description = orEmpty(description);
            shortDescription = orEmpty(shortDescription);
            comment = orEmpty(comment);
            metaTitle = orEmpty(metaTitle);
            metaDescription = orEmpty(metaDescription);
            metaKeywords = orEmpty(metaKeywords);
            weight = weight == null ? BigDecimal.ZERO : weight;
            weightUnit = weightUnit == null ? "kg" : weightUnit;
            countryOfOrigin = orEmpty(countryOfOrigin);
            harmCode = orEmpty(harmCode);
            harmDescription = orEmpty(harmDescription);
            attributes = attributes == null ? Map.of() : attributes;
            variants = listOf(variants);
        }
    }

    public record Variant(Long variantId, String sku, String name, List<String> images, List<Price> prices,
                          List<Size> sizes) {
        public Variant {
            sku = sku == null ? "" : sku;
            images = listOf(images);
            prices = listOf(prices);
            sizes = listOf(sizes);
        }
    }

    /** A variant's price in one pricelist, ex. tax, with its campaign prices. */
    public record Price(Long pricelist, BigDecimal price, List<CampaignPrice> campaigns) {
        public Price {
            campaigns = listOf(campaigns);
        }
    }

    public record CampaignPrice(Long campaign, BigDecimal price) {
    }

    public record Size(Long stockItemId, String sizeSku, String name, String comment, String ean, String upc,
                       BigDecimal costPrice, String costPriceCurrency, List<Stock> stock) {
        public Size {
            sizeSku = sizeSku == null ? "" : sizeSku;
            comment = orEmpty(comment);
            ean = blankToNull(ean);
            upc = blankToNull(upc);
            stock = listOf(stock);
        }
    }

    /** {@code allocated} stands for reservations by orders outside the dataset. */
    public record Stock(Long warehouse, Integer physical, Integer allocated) {
        public Stock {
            allocated = allocated == null ? 0 : allocated;
        }
    }

    /** An Order API plugin instance (§2, §13.1). {@code endpoints} is {@code "all"} or a list of endpoint keys. */
    public record OrderApi(
            String uri, String secret, List<Long> markets, Long primaryWarehouse, List<Long> virtualWarehouses,
            JsonNode endpoints, Boolean allowOrderCreate, String taxCountry, Boolean returnCostPrice,
            List<String> orderStatuses, Boolean returnWaitingForPayment, Boolean returnOnHold,
            String bundlesInOrders, String bundlesInShipments, String stockUpdateMode, Boolean debugLogging,
            String clampNotificationEmail) {
        public static final List<String> ALL_ORDER_STATUSES = List.of("1", "2", "3", "4", "5", "6");

        public OrderApi {
            markets = listOf(markets);
            virtualWarehouses = listOf(virtualWarehouses);
            endpoints = endpoints == null || endpoints.isNull() ? JsonNodeFactory.instance.stringNode("all") : endpoints;
            allowOrderCreate = allowOrderCreate != null && allowOrderCreate;
            taxCountry = blankToNull(taxCountry);
            returnCostPrice = returnCostPrice != null && returnCostPrice;
            orderStatuses = orderStatuses == null ? ALL_ORDER_STATUSES : orderStatuses;
            returnWaitingForPayment = returnWaitingForPayment == null || returnWaitingForPayment;
            returnOnHold = returnOnHold == null || returnOnHold;
            bundlesInOrders = bundlesInOrders == null ? "only-containing-items" : bundlesInOrders;
            bundlesInShipments = bundlesInShipments == null ? "only-containing-items" : bundlesInShipments;
            stockUpdateMode = stockUpdateMode == null ? "physical" : stockUpdateMode;
            debugLogging = debugLogging != null && debugLogging;
            clampNotificationEmail = blankToNull(clampNotificationEmail);
        }
    }

    public record Webhook(String url, String secret, String version, List<String> triggers, Integer retries,
                          Integer timeoutSeconds, Integer maxEvents) {
        public Webhook {
            secret = blankToNull(secret);
            version = version == null ? "integration" : version;
            triggers = listOf(triggers);
            retries = retries == null ? 0 : retries;
            timeoutSeconds = timeoutSeconds == null ? 5 : timeoutSeconds;
            maxEvents = maxEvents == null ? 100 : maxEvents;
        }
    }

    private static <T> List<T> listOf(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
