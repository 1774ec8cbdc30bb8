package dev.kassa.connector.config;

import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code kassa.connector.*}: the Centra Order API endpoints per country, the write budget, and the stores
 * with their Centra warehouse, their own Order API endpoint, their Centara store and their POS key. Bound
 * from application.yaml or the environment and checked as a whole by {@link ConnectorConfig}.
 */
@ConfigurationProperties("kassa.connector")
public record ConnectorProperties(Centra centra, List<Store> stores, String adminToken, String itemIdPattern,
                                  Stock stock, Catalogue catalogue, Centara centara, Webhook webhook,
                                  ShipFromStore shipFromStore, Console console, Boolean allowNoStores, String mode,
                                  Jobs jobs) {

    public ConnectorProperties {
        stores = stores == null ? List.of() : stores;
    }

    /** The store console's log-ins (see {@link User}). */
    public record Console(List<User> users) {
        public Console {
            users = users == null ? List.of() : users;
        }
    }

    /**
     * A console log-in: {@code password} is a bcrypt hash ({@code {bcrypt}$2a$…} or {@code $2a$…}; never the
     * password itself); {@code store} is the store id whose staff this is, none for head office;
     * {@code language} the console's language for this user ({@code en}, {@code sv} or {@code de}; none: the
     * browser's).
     */
    public record User(String username, String password, String store, String language) {
        @Override
        public String toString() {
            return "User[username=" + username + ", password=***, store=" + store + ", language=" + language + "]";
        }
    }

    /** {@code connect-timeout-millis} and {@code request-timeout-millis}: per call to Centra (default 5 s and 30 s). */
    /**
     * {@code api}: how stock reaches this Centra environment, {@code order-api} (default: each store's Order
     * API endpoint) or {@code integration-api} (one token for every store's warehouse; decision 0025).
     */
    public record Centra(Map<String, Endpoint> endpoints, Budget writeBudget, String timeZone, Retry retry,
                         Long connectTimeoutMillis, Long requestTimeoutMillis, String api, IntegrationApi integrationApi) {
        @org.springframework.boot.context.properties.bind.ConstructorBinding
        public Centra {
            endpoints = endpoints == null ? Map.of() : endpoints;
        }

        public Centra(Map<String, Endpoint> endpoints, Budget writeBudget, String timeZone, Retry retry,
                      Long connectTimeoutMillis, Long requestTimeoutMillis) {
            this(endpoints, writeBudget, timeZone, retry, connectTimeoutMillis, requestTimeoutMillis, null, null);
        }
    }

    /** Centra's Integration API: the environment's base URL ({@code /graphql} is added) and the token. */
    public record IntegrationApi(String baseUrl, String token) {
        @Override
        public String toString() {
            return "IntegrationApi[" + baseUrl + ", token=***]";
        }
    }

    /** {@code pricelist}: for a country endpoint, the pricelist whose prices go to the tills (default: the first). */
    public record Endpoint(String baseUrl, String secret, String pricelist) {
        @Override
        public String toString() {
            return "Endpoint[" + baseUrl + ", secret=***, pricelist=" + pricelist + "]";
        }
    }

    public record Budget(Integer writesPer10s, Integer writesPerHour) {
    }

    /** Calls to Centra: attempts per call, and the first back-off (doubling, with jitter; also a store's back-off). */
    public record Retry(Integer maxAttempts, Long firstBackoffMillis) {
    }

    /**
     * {@code sales-as}: {@code stock} (default: sales lower physical stock by POST stock) or {@code orders}
     * (each sale becomes a completed Centra order, spec §13.11); {@code sale-order-email}: the e-mail
     * address those orders carry (default {@code pos-<id>@kassa.invalid}).
     */
    public record Store(String id, String name, String country, Long centraWarehouse, Endpoint centraEndpoint,
                        Integer centaraStore, String posApiKey, String salesAs, String saleOrderEmail,
                        ShipRules shipFromStore) {
        @Override
        public String toString() {
            return "Store[" + id + ", " + name + ", " + country + ", warehouse " + centraWarehouse + ", Centara store "
                    + centaraStore + ", posApiKey=***]";
        }
    }

    /**
     * Centara's external orders API: the instance's base URL, the authentication ({@code auth}: bearer,
     * basic or none) and the TenderCode that web payments get in the till.
     */
    public record Centara(String baseUrl, String auth, String token, String username, String password, Integer webTender,
                          String referencePrefix, Long connectTimeoutMillis, Long requestTimeoutMillis) {
        @Override
        public String toString() {
            return "Centara[" + baseUrl + ", " + auth + ", credentials=***, webTender=" + webTender + ", referencePrefix="
                    + referencePrefix + "]";
        }
    }

    /** Centra's webhook plugin: the endpoint secret it signs with, and how old a signature may be. */
    public record Webhook(String secret, Long toleranceSeconds) {
        @Override
        public String toString() {
            return "Webhook[secret=***, toleranceSeconds=" + toleranceSeconds + "]";
        }
    }

    /**
     * Ship from store for all stores: how long before an offer's deadline nobody's decision becomes a
     * reject, how long a store has to ship (the till order's DueAt), how often work and the tills are looked at,
     * and how often Centra is polled for offers whose webhook was lost ({@code safety-net-millis}, 0: never).
     */
    public record ShipFromStore(Long rejectMarginSeconds, Long dueHours, Long pollMillis, Long tillPollMillis,
                                Long safetyNetMillis) {
    }

    /**
     * A store's ship-from-store decisions: {@code decide} is {@code person} (default: staff decide) or
     * {@code rules} (accept when the store's stock covers every line, it is open and under its daily
     * capacity; reject otherwise); {@code opening-hours} like {@code Mon-Fri 10:00-19:00; Sat 10:00-16:00}
     * in {@code time-zone}; {@code centra-warehouse-name}: the warehouse's name in Centra (GET orders names
     * the warehouse a line is allocated from by name; default: the store's name).
     */
    public record ShipRules(String decide, String openingHours, Integer dailyCapacity, String timeZone,
                            String centraWarehouseName, Boolean notInStockCorrectsStock) {
    }

    /**
     * The stock writer: how often it looks for work, items per POST stock, attempts before a dead letter; and
     * how far a POS transaction's Timestamp may lie ahead of the connector's clock ({@code future-tolerance-seconds})
     * or behind it ({@code max-age-days}) before its lines are held as dead letters instead of applied.
     */
    public record Stock(Long pollMillis, Integer batchItems, Integer maxAttempts, Integer workers, Long reconcileMillis,
                        Long futureToleranceSeconds, Long maxAgeDays) {
    }

    /** The catalogue sync: how often, the page size, and how often a full (not incremental) pull runs. */
    public record Catalogue(Long syncMillis, Integer pageSize, Long fullSyncHours) {
    }

    /**
     * The job engine (decision 0022): how often a node says it is still working on an execution, and after
     * how many missed heartbeats another node takes that execution over (a node killed mid-job).
     */
    public record Jobs(Long heartbeatMillis, Integer missedHeartbeats) {
    }
}
