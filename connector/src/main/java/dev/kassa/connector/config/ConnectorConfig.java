package dev.kassa.connector.config;

import dev.kassa.centra.api.CentraEndpoint;
import dev.kassa.centra.api.OrderApiClient;
import dev.kassa.centra.api.WriteBudget;
import dev.kassa.centara.api.CentaraAuth;
import dev.kassa.common.web.Secrets;
import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The checked configuration. Every problem is collected and the connector refuses to start with all of
 * them listed by property path; secrets are never part of a message.
 */
@Component
public class ConnectorConfig {

    /** A configured store, ready to use. */
    /** {@code salesAsOrders}: each sale becomes a completed Centra order (spec §13.11) instead of a stock write. */
    public record Store(String id, String name, String country, long centraWarehouse, CentraEndpoint centraEndpoint,
                        int centaraStore, String posApiKey, boolean salesAsOrders, String saleOrderEmail, ShipRules ship) {
        @Override
        public String toString() {
            return "Store[" + id + ", " + name + "]";
        }
    }

    /** The configuration could not be used; the message lists every problem. */
    public static final class InvalidConfiguration extends IllegalStateException {
        InvalidConfiguration(List<String> problems) {
            super("The connector configuration has " + problems.size() + " problem(s):\n  - "
                    + String.join("\n  - ", problems));
        }
    }

    /** The stock writer's settings, checked. */
    public record StockSettings(long pollMillis, int batchItems, int maxAttempts, int workers, long reconcileMillis,
                                Duration futureTolerance, Duration maxAge) {
    }

    /** The catalogue sync's settings, checked. */
    public record CatalogueSettings(long syncMillis, int pageSize, Duration fullSyncEvery) {
    }

    static final Duration BUDGET_10S = Duration.ofSeconds(11);
    static final Duration BUDGET_HOUR = Duration.ofMinutes(61);
    static final String DEFAULT_ITEM_ID_PATTERN = "{sku}-{variantSku}-{sizeSku}";

    private final IntegrationApiSettings integrationApi;
    private final Map<String, CentraEndpoint> endpoints;
    private final Map<String, String> pricelists;
    private final List<Store> stores;
    private static final java.time.format.DateTimeFormatter CENTRA_DATE_TIME =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", java.util.Locale.ROOT);
    private final CentaraSettings centara;
    private final WebhookSettings webhook;
    private final ShipFromStoreSettings shipFromStore;
    private final List<ConsoleUser> consoleUsers;
    private final List<WriteBudget.Limit> budget;
    private final String adminToken;
    private final ItemIdPattern itemIds;
    private final ZoneId centraTimeZone;
    private final StockSettings stock;
    private final JobSettings jobs;
    private final CatalogueSettings catalogue;
    private final OrderApiClient.Settings clientSettings;

    public ConnectorConfig(ConnectorProperties p) {
        this(p, List.of());
    }

    /** As read from the environment: YAML's surprises (a bare {@code no} is false) are problems too. */
    @org.springframework.beans.factory.annotation.Autowired
    public ConnectorConfig(ConnectorProperties p, org.springframework.core.env.Environment environment) {
        this(p, YamlPitfalls.find(environment, "kassa.connector.", Set.of("allow-no-stores", "not-in-stock-corrects-stock")));
    }

    /** {@code earlier}: problems found before binding (YAML pitfalls), listed with the rest. */
    public ConnectorConfig(ConnectorProperties p, List<String> earlier) {
        List<String> problems = new ArrayList<>(earlier);
        Map<String, CentraEndpoint> endpoints = new java.util.LinkedHashMap<>();
        Map<String, String> pricelists = new java.util.HashMap<>();
        ConnectorProperties.Centra centra = p.centra() == null ? new ConnectorProperties.Centra(null, null, null, null, null, null) : p.centra();
        centra.endpoints().forEach((country, e) -> {
            String path = "kassa.connector.centra.endpoints." + country;
            if (!country.matches("[a-z]{2}")) {
                problems.add(path + ": the key must be a lower-case ISO country code such as se, got '" + country + "'");
            }
            endpoint(path, e, problems).ifPresent(ok -> endpoints.put(country, ok));
            if (e != null && e.pricelist() != null && !e.pricelist().isBlank()) {
                pricelists.put(country, e.pricelist().trim());
            }
        });
        ZoneId zone = ZoneId.of("Europe/Stockholm");
        if (centra.timeZone() != null) {
            try {
                zone = ZoneId.of(centra.timeZone().trim());
            } catch (java.time.DateTimeException e) {
                problems.add("kassa.connector.centra.time-zone: not a time zone id such as Europe/Stockholm, got '"
                        + centra.timeZone() + "'");
            }
        }
        ConnectorProperties.Retry r = centra.retry() == null ? new ConnectorProperties.Retry(null, null) : centra.retry();
        int attempts = (int) atLeast("kassa.connector.centra.retry.max-attempts", r.maxAttempts(), 4L, 1L, problems);
        long firstBackoff = atLeast("kassa.connector.centra.retry.first-backoff-millis", r.firstBackoffMillis(), 500L, 1L, problems);
        long connectTimeout = atLeast("kassa.connector.centra.connect-timeout-millis", centra.connectTimeoutMillis(), 5_000L, 100L, problems);
        long requestTimeout = atLeast("kassa.connector.centra.request-timeout-millis", centra.requestTimeoutMillis(), 30_000L, 100L, problems);
        String api = centra.api() == null || centra.api().isBlank() ? "order-api" : centra.api().trim();
        IntegrationApiSettings integration = null;
        if (api.equals("integration-api")) {
            ConnectorProperties.IntegrationApi ia = centra.integrationApi();
            String path = "kassa.connector.centra.integration-api";
            if (ia == null || blank(ia.baseUrl())) {
                problems.add(path + ".base-url: is required with kassa.connector.centra.api=integration-api: the Centra"
                        + " environment, such as https://shop.centra.com (/graphql is added)");
            } else if (!ia.baseUrl().trim().matches("https?://[^/\\s]+(/\\S*)?")) {
                problems.add(path + ".base-url: must be an http(s) URL, got '" + ia.baseUrl() + "'");
            }
            if (ia == null || blank(ia.token())) {
                problems.add(path + ".token: is required with kassa.connector.centra.api=integration-api: an Integration"
                        + " API token with Warehouse:read, Warehouse.stock:read, ProductSize:read and StockChange:write");
            }
            if (ia != null && !blank(ia.baseUrl()) && !blank(ia.token())) {
                integration = new IntegrationApiSettings(ia.baseUrl().trim(), ia.token().trim());
            }
        } else if (!api.equals("order-api")) {
            problems.add("kassa.connector.centra.api: must be order-api (the default) or integration-api, got '" + centra.api() + "'");
        }
        this.integrationApi = integration;
        String adminToken = p.adminToken();
        boolean randomToken = blank(adminToken);
        if (randomToken) {
            adminToken = java.util.HexFormat.of().formatHex(new java.security.SecureRandom().generateSeed(16));
        } else if (adminToken.length() < 16) {
            problems.add("kassa.connector.admin-token: must be at least 16 characters");
        }
        ItemIdPattern itemIds = null;
        try {
            itemIds = new ItemIdPattern(p.itemIdPattern() == null ? DEFAULT_ITEM_ID_PATTERN : p.itemIdPattern());
        } catch (IllegalArgumentException e) {
            problems.add("kassa.connector.item-id-pattern: " + e.getMessage());
        }
        ConnectorProperties.Stock st = p.stock() == null ? new ConnectorProperties.Stock(null, null, null, null, null, null, null) : p.stock();
        StockSettings stock = new StockSettings(
                atLeast("kassa.connector.stock.poll-millis", st.pollMillis(), 200L, 10L, problems),
                (int) atLeast("kassa.connector.stock.batch-items", st.batchItems(), 200L, 1L, problems),
                (int) atLeast("kassa.connector.stock.max-attempts", st.maxAttempts(), 10L, 1L, problems),
                (int) atLeast("kassa.connector.stock.workers", st.workers(), 8L, 1L, problems),
                atLeast("kassa.connector.stock.reconcile-millis", st.reconcileMillis(), 3_600_000L, 1000L, problems),
                Duration.ofSeconds(atLeast("kassa.connector.stock.future-tolerance-seconds", st.futureToleranceSeconds(), 600L, 0L, problems)),
                Duration.ofDays(atLeast("kassa.connector.stock.max-age-days", st.maxAgeDays(), 90L, 1L, problems)));
        if (stock.batchItems() > 1000) {
            problems.add("kassa.connector.stock.batch-items: at most 1000 items go in one POST stock, got " + stock.batchItems());
        }
        ConnectorProperties.Catalogue ca = p.catalogue() == null ? new ConnectorProperties.Catalogue(null, null, null) : p.catalogue();
        CatalogueSettings catalogue = new CatalogueSettings(
                atLeast("kassa.connector.catalogue.sync-millis", ca.syncMillis(), 300_000L, 0L, problems),
                (int) atLeast("kassa.connector.catalogue.page-size", ca.pageSize(), 500L, 1L, problems),
                Duration.ofHours(atLeast("kassa.connector.catalogue.full-sync-hours", ca.fullSyncHours(), 24L, 1L, problems)));
        if (catalogue.syncMillis() > 0 && catalogue.syncMillis() < 1000) {
            problems.add("kassa.connector.catalogue.sync-millis: 0 (only on request) or at least 1000, got " + catalogue.syncMillis());
        }
        if (catalogue.pageSize() > 1000) {
            problems.add("kassa.connector.catalogue.page-size: Centra pages hold at most 1000, got " + catalogue.pageSize());
        }
        this.centara = centara(p.centara(), problems);
        ConnectorProperties.Webhook wh = p.webhook() == null ? new ConnectorProperties.Webhook(null, null) : p.webhook();
        this.webhook = new WebhookSettings(wh.secret(), Duration.ofSeconds(
                atLeast("kassa.connector.webhook.tolerance-seconds", wh.toleranceSeconds(), 300L, 1L, problems)));
        ConnectorProperties.ShipFromStore sf = p.shipFromStore() == null
                ? new ConnectorProperties.ShipFromStore(null, null, null, null, null) : p.shipFromStore();
        this.shipFromStore = new ShipFromStoreSettings(
                Duration.ofSeconds(atLeast("kassa.connector.ship-from-store.reject-margin-seconds", sf.rejectMarginSeconds(), 120L, 0L, problems)),
                Duration.ofHours(atLeast("kassa.connector.ship-from-store.due-hours", sf.dueHours(), 24L, 1L, problems)),
                atLeast("kassa.connector.ship-from-store.poll-millis", sf.pollMillis(), 500L, 10L, problems),
                atLeast("kassa.connector.ship-from-store.till-poll-millis", sf.tillPollMillis(), 30_000L, 100L, problems),
                atLeast("kassa.connector.ship-from-store.safety-net-millis", sf.safetyNetMillis(), 60_000L, 0L, problems));
        ConnectorProperties.Jobs jo = p.jobs() == null ? new ConnectorProperties.Jobs(null, null) : p.jobs();
        this.jobs = new JobSettings(
                Duration.ofMillis(atLeast("kassa.connector.jobs.heartbeat-millis", jo.heartbeatMillis(), 2_000L, 100L, problems)),
                (int) atLeast("kassa.connector.jobs.missed-heartbeats", jo.missedHeartbeats(), 5L, 4L, problems));
        ConnectorProperties.Budget b = centra.writeBudget();
        int per10s = b == null || b.writesPer10s() == null ? 20 : b.writesPer10s();
        int perHour = b == null || b.writesPerHour() == null ? 1800 : b.writesPerHour();
        if (per10s < 1) {
            problems.add("kassa.connector.centra.write-budget.writes-per-10s: must be at least 1, got " + per10s);
        }
        if (perHour < 1) {
            problems.add("kassa.connector.centra.write-budget.writes-per-hour: must be at least 1, got " + perHour);
        }
        List<Store> stores = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        Set<Integer> centaraStores = new HashSet<>();
        Set<Long> warehouses = new HashSet<>();
        List<String> keys = new ArrayList<>();
        String mode = p.mode() == null || p.mode().isBlank() ? "live" : p.mode().trim();
        if (!mode.equals("live") && !mode.equals("shadow")) {
            problems.add("kassa.connector.mode: must be live (the default) or shadow (read, compute and record every write,"
                    + " write nothing), got '" + p.mode() + "'");
        }
        this.shadow = mode.equals("shadow");
        if (p.stores().isEmpty() && !Boolean.TRUE.equals(p.allowNoStores())) {
            problems.add("kassa.connector.stores: no store is configured, so the connector would do nothing. Configure each"
                    + " store (id, name, country, centra-warehouse, centra-endpoint, centara-store, pos-api-key: see kassa"
                    + " connector --help and the README's \"Connector\"), or start with --allow-no-stores on purpose");
        }
        for (int i = 0; i < p.stores().size(); i++) {
            ConnectorProperties.Store s = p.stores().get(i);
            String path = "kassa.connector.stores[" + i + "]";
            int before = problems.size();
            if (blank(s.id()) || !s.id().matches("[a-z0-9][a-z0-9-]{0,39}")) {
                problems.add(path + ".id: is required: lower-case letters, digits and dashes, at most 40, got '" + s.id() + "'");
            } else if (!ids.add(s.id())) {
                problems.add(path + ".id: store '" + s.id() + "' is configured twice");
            }
            if (blank(s.name())) {
                problems.add(path + ".name: is required");
            }
            if (blank(s.country())) {
                problems.add(path + ".country: is required: the key of the country's endpoint under kassa.connector.centra.endpoints");
            } else if (!centra.endpoints().containsKey(s.country())) {
                problems.add(path + ".country: no endpoint kassa.connector.centra.endpoints." + s.country()
                        + " is configured for country '" + s.country() + "'");
            }
            if (s.centraWarehouse() == null || s.centraWarehouse() < 1) {
                problems.add(path + ".centra-warehouse: is required: the Centra warehouse id of the store");
            } else if (!warehouses.add(s.centraWarehouse())) {
                problems.add(path + ".centra-warehouse: warehouse " + s.centraWarehouse() + " belongs to another store too");
            }
            Optional<CentraEndpoint> endpoint = endpoint(path + ".centra-endpoint", s.centraEndpoint(), problems);
            if (s.centaraStore() == null || s.centaraStore() < 1) {
                problems.add(path + ".centara-store: is required: the Centara StoreId");
            } else if (!centaraStores.add(s.centaraStore())) {
                problems.add(path + ".centara-store: Centara store " + s.centaraStore() + " belongs to another store too");
            }
            if (blank(s.posApiKey()) || s.posApiKey().length() < 16) {
                problems.add(path + ".pos-api-key: is required and must be at least 16 characters");
            } else if (keys.stream().anyMatch(k -> Secrets.constantTimeEquals(k, s.posApiKey()))) {
                problems.add(path + ".pos-api-key: another store has the same key");
            } else {
                keys.add(s.posApiKey());
            }
            String salesAs = blank(s.salesAs()) ? "stock" : s.salesAs().trim();
            if (!salesAs.equals("stock") && !salesAs.equals("orders")) {
                problems.add(path + ".sales-as: must be 'stock' (POST stock) or 'orders' (a Centra order per sale), got '"
                        + s.salesAs() + "'");
            }
            String email = blank(s.saleOrderEmail()) ? "pos-" + s.id() + "@kassa.invalid" : s.saleOrderEmail().trim();
            if (!email.matches("[^@\\s]+@[^@\\s]+")) {
                problems.add(path + ".sale-order-email: must be an e-mail address, got '" + s.saleOrderEmail() + "'");
            }
            ShipRules ship = shipRules(path + ".ship-from-store", s, zone, problems);
            if (problems.size() == before) {
                stores.add(new Store(s.id(), s.name(), s.country(), s.centraWarehouse(), endpoint.orElseThrow(),
                        s.centaraStore(), s.posApiKey(), salesAs.equals("orders"), email, ship));
            }
        }
        List<ConsoleUser> users = new ArrayList<>();
        ConnectorProperties.Console console = p.console() == null ? new ConnectorProperties.Console(null) : p.console();
        java.util.Set<String> storeIds = new java.util.HashSet<>();
        p.stores().forEach(s -> storeIds.add(s.id()));
        java.util.Set<String> usernames = new java.util.HashSet<>();
        for (int i = 0; i < console.users().size(); i++) {
            ConnectorProperties.User u = console.users().get(i);
            String path = "kassa.connector.console.users[" + i + "]";
            int before = problems.size();
            if (u == null || blank(u.username()) || !u.username().trim().matches("[A-Za-z0-9._@-]{1,60}")) {
                problems.add(path + ".username: is required (letters, digits, . _ @ -, at most 60)");
            } else if (!usernames.add(u.username().trim().toLowerCase(java.util.Locale.ROOT))) {
                problems.add(path + ".username: '" + u.username().trim() + "' is taken by an earlier user");
            }
            String hash = u == null || u.password() == null ? "" : u.password().trim();
            if (hash.isEmpty()) {
                problems.add(path + ".password: is required (a bcrypt hash)");
            } else if (!hash.matches("(\\{bcrypt})?\\$2[aby]?\\$\\d\\d\\$[./A-Za-z0-9]{53}")) {
                problems.add(path + ".password: must be a bcrypt hash ({bcrypt}$2a$10$… or $2a$10$…), never the password itself");
            }
            String store = u == null || blank(u.store()) ? null : u.store().trim();
            if (store != null && !storeIds.contains(store)) {
                problems.add(path + ".store: no store '" + store + "' is configured (leave it empty for head office)");
            }
            String language = u == null || blank(u.language()) ? null : u.language().trim().toLowerCase(java.util.Locale.ROOT);
            if (language != null && !LANGUAGES.contains(language)) {
                problems.add(path + ".language: '" + u.language().trim() + "' is not one of " + String.join(", ", LANGUAGES)
                        + " (leave it empty for the browser's language)");
            }
            if (problems.size() == before) {
                users.add(new ConsoleUser(u.username().trim(), hash.startsWith("{bcrypt}") ? hash : "{bcrypt}" + hash,
                        Optional.ofNullable(store), Optional.ofNullable(language)));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfiguration(problems);
        }
        if (randomToken) {
            // printed, not logged: the operator needs it once, and log files should never hold secrets
            System.out.println("Connector admin token (random, set kassa.connector.admin-token to choose one): " + adminToken);
        }
        this.consoleUsers = List.copyOf(users);
        this.endpoints = java.util.Collections.unmodifiableMap(endpoints);
        this.pricelists = Map.copyOf(pricelists);
        this.stores = List.copyOf(stores);
        this.adminToken = adminToken;
        this.itemIds = itemIds;
        this.centraTimeZone = zone;
        this.stock = stock;
        this.catalogue = catalogue;
        this.clientSettings = new OrderApiClient.Settings(Duration.ofMillis(connectTimeout), Duration.ofMillis(requestTimeout), attempts,
                Duration.ofMillis(firstBackoff), Duration.ofSeconds(30), 20);
        // The budget counts a write until its answer came (WriteBudget); the windows are kept a little longer
        // than Centra's as well (11 s, 61 min), for a Centra clock that runs differently from ours.
        this.budget = List.of(new WriteBudget.Limit(per10s, BUDGET_10S),
                new WriteBudget.Limit(perHour, BUDGET_HOUR));
    }

    public List<Store> stores() {
        return stores;
    }

    /** A console log-in: its bcrypt hash ({@code {bcrypt}…}) and its store; none for head office. */
    private final boolean shadow;

    /**
     * Shadow mode ({@code kassa.connector.mode: shadow}, decision 0018): every outside write is computed and
     * recorded, none is made.
     */
    public boolean shadow() {
        return shadow;
    }

    /** The languages the store console speaks, the first its default. */
    public static final List<String> LANGUAGES = List.of("en", "sv", "de");

    public record ConsoleUser(String username, String passwordHash, Optional<String> store, Optional<String> language) {
        @Override
        public String toString() {
            return "ConsoleUser[" + username + ", " + store.orElse("head office") + "]";
        }
    }

    public List<ConsoleUser> consoleUsers() {
        return consoleUsers;
    }

    /**
     * A store's ship-from-store decisions: by rules (stock covers every line, open, under the daily
     * capacity) or by a person; the zone the opening hours are in; the store's warehouse name in Centra.
     */
    public record ShipRules(boolean byRules, OpeningHours openingHours, Integer dailyCapacity, ZoneId zone,
                            String centraWarehouseName, boolean notInStockCorrectsStock) {
    }

    /** How Centra's webhook calls are checked. */
    public record WebhookSettings(String secret, Duration tolerance) {
        @Override
        public String toString() {
            return "WebhookSettings[secret=***, tolerance=" + tolerance + "]";
        }
    }

    /** Ship from store for all stores (see {@link ConnectorProperties.ShipFromStore}). */
    public record ShipFromStoreSettings(Duration rejectMargin, Duration due, long pollMillis, long tillPollMillis,
                                        long safetyNetMillis) {
    }

    public WebhookSettings webhook() {
        return webhook;
    }

    public ShipFromStoreSettings shipFromStore() {
        return shipFromStore;
    }

    /** The configured store whose Centra warehouse this is. */
    public Optional<Store> storeOfWarehouse(long warehouseId) {
        return stores.stream().filter(s -> s.centraWarehouse() == warehouseId).findFirst();
    }

    private static ShipRules shipRules(String path, ConnectorProperties.Store s, ZoneId centraZone, List<String> problems) {
        ConnectorProperties.ShipRules r = s.shipFromStore() == null
                ? new ConnectorProperties.ShipRules(null, null, null, null, null, null) : s.shipFromStore();
        String decide = blank(r.decide()) ? "person" : r.decide().trim();
        if (!decide.equals("person") && !decide.equals("rules")) {
            problems.add(path + ".decide: must be person or rules, got '" + r.decide() + "'");
        }
        OpeningHours hours = null;
        if (!blank(r.openingHours())) {
            try {
                hours = new OpeningHours(r.openingHours());
            } catch (IllegalArgumentException e) {
                problems.add(path + ".opening-hours: " + e.getMessage());
            }
        }
        if (r.dailyCapacity() != null && r.dailyCapacity() < 0) {
            problems.add(path + ".daily-capacity: cannot be negative, got " + r.dailyCapacity());
        }
        ZoneId zone = centraZone;
        if (!blank(r.timeZone())) {
            try {
                zone = ZoneId.of(r.timeZone().trim());
            } catch (java.time.DateTimeException e) {
                problems.add(path + ".time-zone: not a time zone: '" + r.timeZone() + "'");
            }
        }
        return new ShipRules(decide.equals("rules"), hours, r.dailyCapacity(), zone,
                blank(r.centraWarehouseName()) ? s.name() : r.centraWarehouseName().trim(),
                Boolean.TRUE.equals(r.notInStockCorrectsStock()));
    }

    /** Centara's API, when configured (ship-from-store needs it; the stock and catalogue syncs do not). */
    public Optional<CentaraSettings> centara() {
        return Optional.ofNullable(centara);
    }

    /**
     * How to reach Centara's external orders API, the TenderCode of web payments, and the prefix of the till
     * orders' ReferenceNumber (decision 0011: references stay unique when other channels post orders too).
     */
    public record CentaraSettings(String baseUrl, CentaraAuth auth, int webTender, String referencePrefix, Duration connectTimeout,
                                  Duration requestTimeout) {
        /** The ReferenceNumber of the till order of Centra order {@code orderNumber}. */
        public String reference(long orderNumber) {
            return referencePrefix + orderNumber;
        }
    }

    /** At most this long, so prefix and a Centra order number fit Centara's 20 characters. */
    static final int MAX_REFERENCE_PREFIX = 8;

    private static CentaraSettings centara(ConnectorProperties.Centara c, List<String> problems) {
        if (c == null || blank(c.baseUrl())) {
            return null;
        }
        String path = "kassa.connector.centara";
        int before = problems.size();
        URI uri = null;
        try {
            uri = URI.create(c.baseUrl().trim());
        } catch (IllegalArgumentException e) {
            // reported below
        }
        if (uri == null || !"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            problems.add(path + ".base-url: must be an http(s) URL such as https://centara.example/mysite, got '" + c.baseUrl() + "'");
        }
        String mode = blank(c.auth()) ? "bearer" : c.auth().trim();
        CentaraAuth auth = null;
        switch (mode) {
            case "bearer" -> {
                if (blank(c.token())) {
                    problems.add(path + ".token: is required with auth bearer");
                } else {
                    auth = CentaraAuth.bearer(c.token());
                }
            }
            case "basic" -> {
                if (blank(c.username()) || c.username().contains(":") || c.password() == null) {
                    problems.add(path + ".username / password: both are required with auth basic (no ':' in the username)");
                } else {
                    auth = CentaraAuth.basic(c.username(), c.password());
                }
            }
            case "none" -> auth = CentaraAuth.none();
            default -> problems.add(path + ".auth: must be bearer, basic or none, got '" + c.auth() + "'");
        }
        if (c.webTender() == null || c.webTender() < 1) {
            problems.add(path + ".web-tender: is required: the Centara TenderCode that web payments get (1 or more)");
        }
        String prefix = c.referencePrefix() == null ? "" : c.referencePrefix();
        if (!prefix.matches("[A-Za-z0-9_-]{0," + MAX_REFERENCE_PREFIX + "}")) {
            problems.add(path + ".reference-prefix: at most " + MAX_REFERENCE_PREFIX + " letters, digits, '-' or '_' (with a Centra"
                    + " order number it must fit Centara's 20-character ReferenceNumber), got '" + prefix + "'");
        }
        long connect = atLeast(path + ".connect-timeout-millis", c.connectTimeoutMillis(), 5_000L, 100L, problems);
        long request = atLeast(path + ".request-timeout-millis", c.requestTimeoutMillis(), 30_000L, 100L, problems);
        return problems.size() == before ? new CentaraSettings(c.baseUrl().trim(), auth, c.webTender(), prefix,
                Duration.ofMillis(connect), Duration.ofMillis(request)) : null;
    }

    public Map<String, CentraEndpoint> endpoints() {
        return endpoints;
    }

    public List<WriteBudget.Limit> writeBudget() {
        return budget;
    }

    /** The pricelist configured for a country endpoint, if any. */
    public Optional<String> pricelist(String country) {
        return Optional.ofNullable(pricelists.get(country));
    }

    public Optional<Store> store(String id) {
        return stores.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    /** The admin token of the head-office API and the metrics; when none is configured, a random one printed at start-up. */
    public String adminToken() {
        return adminToken;
    }

    public ItemIdPattern itemIds() {
        return itemIds;
    }

    /** The Centra instance's time zone, in which its date filters are read (spec §1.4). */
    public ZoneId centraTimeZone() {
        return centraTimeZone;
    }

    /**
     * A moment in a recorded note (a reason in an offer's history, a dead letter's why): in Centra's time zone,
     * with the zone written ({@code 2026-12-02 15:33:05 Europe/Stockholm}), never a bare {@code …Z} beside the
     * pages' local times.
     */
    public String written(long epochMillis) {
        return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss VV", java.util.Locale.ROOT)
                .format(java.time.Instant.ofEpochMilli(epochMillis).atZone(centraTimeZone));
    }

    /** A moment as Centra's date filters and order dates take it: {@code yyyy-MM-dd HH:mm:ss} in Centra's time zone. */
    public String centraDateTime(long epochMillis) {
        return CENTRA_DATE_TIME.format(java.time.Instant.ofEpochMilli(epochMillis).atZone(centraTimeZone));
    }

    /** Timeouts and retries of every Centra call. */
    /** Centra's Integration API, when stock goes through it ({@code kassa.connector.centra.api=integration-api}). */
    public record IntegrationApiSettings(String baseUrl, String token) {
        @Override
        public String toString() {
            return "IntegrationApiSettings[" + baseUrl + ", token=***]";
        }
    }

    /** Present when stock goes through Centra's Integration API rather than each store's Order API endpoint. */
    public Optional<IntegrationApiSettings> integrationApi() {
        return Optional.ofNullable(integrationApi);
    }

    public OrderApiClient.Settings clientSettings() {
        return clientSettings;
    }

    /** The job engine's heartbeat and how many missed ones make an execution another node's (decision 0022). */
    public record JobSettings(Duration heartbeat, int missedHeartbeats) {
    }

    public JobSettings jobs() {
        return jobs;
    }

    public StockSettings stock() {
        return stock;
    }

    public CatalogueSettings catalogue() {
        return catalogue;
    }

    /** The store whose POS key this is, compared in constant time against every store. */
    public Optional<Store> storeWithKey(String key) {
        Store found = null;
        for (Store s : stores) {
            if (Secrets.constantTimeEquals(key, s.posApiKey())) {
                found = s;
            }
        }
        return Optional.ofNullable(found);
    }

    private static Optional<CentraEndpoint> endpoint(String path, ConnectorProperties.Endpoint e, List<String> problems) {
        if (e == null) {
            problems.add(path + ": is required (base-url and secret)");
            return Optional.empty();
        }
        if (blank(e.secret())) {
            problems.add(path + ".secret: is required");
        }
        try {
            URI uri = URI.create(e.baseUrl() == null ? "" : e.baseUrl().trim());
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException();
            }
            return blank(e.secret()) ? Optional.empty() : Optional.of(new CentraEndpoint(uri, e.secret()));
        } catch (IllegalArgumentException ex) {
            problems.add(path + ".base-url: must be an http(s) URL such as https://shop.centra.com/api/order-api, got '"
                    + e.baseUrl() + "'");
            return Optional.empty();
        }
    }

    private static long atLeast(String path, Number value, long fallback, long min, List<String> problems) {
        if (value == null) {
            return fallback;
        }
        if (value.longValue() < min) {
            problems.add(path + ": must be at least " + min + ", got " + value);
            return fallback;
        }
        return value.longValue();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
