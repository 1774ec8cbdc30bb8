package dev.kassa.connector.check;

import dev.kassa.centra.api.CentraEndpoint;
import dev.kassa.centra.api.CentraException;
import dev.kassa.centra.api.IntegrationApiClient;
import dev.kassa.centra.api.OrderApiClient;
import dev.kassa.centra.api.Pause;
import dev.kassa.centra.api.StockRow;
import dev.kassa.centra.api.StockUpdate;
import dev.kassa.centra.api.WriteBudget;
import dev.kassa.connector.config.ConnectorConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * {@code kassa check}: the production configuration against the real systems, read-only (docs/deploy.md
 * "Preflight", decision 0017). Each check is a row: ✓, ✗ (with what to do), or – (nothing to judge by yet).
 * {@code --write-test EAN} adds a stock write round trip per store on that one item: set, read back, set back.
 */
public final class Preflight {

    public enum Mark {
        OK("✓"), FAIL("✗"), NONE("–");

        final String sign;

        Mark(String sign) {
            this.sign = sign;
        }
    }

    public record Row(Mark mark, String check, String found, String todo) {
    }

    private final ConnectorConfig config;
    private final DataSource dataSource;
    private final Clock clock;
    private final List<Row> rows = new ArrayList<>();
    private final HttpClient http;
    private final OrderApiClient.Settings once;
    private final WriteBudget budget;
    private final JdbcClient jdbc;
    /** Allocation requests per endpoint, read once: the time zone and the warehouse names both look at them. */
    private final Map<CentraEndpoint, List<JsonNode>> requests = new java.util.HashMap<>();

    public Preflight(ConnectorConfig config, DataSource dataSource, Clock clock) {
        this.config = config;
        this.dataSource = dataSource;
        this.clock = clock;
        OrderApiClient.Settings s = config.clientSettings();
        this.once = new OrderApiClient.Settings(s.connectTimeout(), s.requestTimeout(), 1, s.firstBackoff(), s.maxBackoff(), 0);
        this.http = HttpClient.newBuilder().connectTimeout(s.connectTimeout()).build();
        this.budget = new WriteBudget(clock, config.writeBudget());
        this.jdbc = JdbcClient.create(dataSource);
    }

    private void row(Mark mark, String check, String found, String todo) {
        rows.add(new Row(mark, check, found, todo == null ? "" : todo));
    }

    private OrderApiClient client(CentraEndpoint endpoint) {
        return new OrderApiClient(endpoint, budget, Pause.REAL, once);
    }

    /** Every check; with {@code writeTestEan}, the stock write round trip too. */
    public List<Row> run(Optional<String> writeTestEan) {
        database();
        Map<String, CentraEndpoint> endpoints = new LinkedHashMap<>();
        config.endpoints().forEach((country, e) -> endpoints.put("endpoint " + country, e));
        config.stores().forEach(s -> endpoints.put("store " + s.id(), s.centraEndpoint()));
        Map<String, Boolean> answering = new LinkedHashMap<>();
        endpoints.forEach((name, e) -> answering.put(name, answers(name, e)));
        ownEndpoints();
        timeZone(endpoints, answering);
        warehouseNames(answering);
        catalogue(answering);
        integrationApi(writeTestEan);
        centara();
        if (config.webhook().secret() == null || config.webhook().secret().isBlank()) {
            row(Mark.FAIL, "webhook secret", "kassa.connector.webhook.secret is not set: every webhook is refused",
                    "set it to the Centra webhook plugin's endpoint secret");
        } else {
            row(Mark.OK, "webhook secret", "set", null);
        }
        writeTestEan.ifPresent(ean -> writeTest(ean, answering));
        return List.copyOf(rows);
    }

    private void database() {
        try (java.sql.Connection c = dataSource.getConnection()) {
            row(Mark.OK, "database", "reachable (" + c.getMetaData().getDatabaseProductName() + ")", null);
        } catch (Exception e) {
            boolean locked = String.valueOf(e.getMessage()).contains("already in use");
            row(Mark.FAIL, "database", "not reachable: " + e.getMessage(), locked
                    ? "a running connector holds this embedded H2 file: stop it for the check (PostgreSQL has no such lock)"
                    : "check spring.datasource.url, its user and password");
            return;
        }
        MigrationInfo[] all = Flyway.configure().dataSource(dataSource).locations("classpath:db/connector")
                .table("connector_schema_history").load().info().all();
        long pending = java.util.Arrays.stream(all).filter(m -> m.getState() == MigrationState.PENDING).count();
        long future = java.util.Arrays.stream(all).filter(m -> m.getState() == MigrationState.FUTURE_SUCCESS).count();
        String at = java.util.Arrays.stream(all).filter(m -> m.getState().isApplied()).reduce((a, b) -> b)
                .map(m -> "v" + m.getVersion()).orElse("empty");
        if (future > 0) {
            row(Mark.FAIL, "database migrations", "the database (" + at + ") is newer than this connector",
                    "run the connector version that migrated it, or a newer one");
        } else if (pending > 0) {
            row(Mark.FAIL, "database migrations", pending + " migration(s) not applied yet (at " + at + ")",
                    "start the connector once: it applies them at start (back the database up first)");
        } else {
            row(Mark.OK, "database migrations", "current (" + at + ")", null);
        }
    }

    private boolean answers(String name, CentraEndpoint e) {
        try {
            JsonNode page = client(e).get("products", Map.of("limit", "1"));
            row(Mark.OK, "Centra " + name, "answers and takes the secret (" + e.baseUrl() + ")", null);
            return page != null;
        } catch (CentraException ex) {
            String found = ex.status() == 401 || ex.status() == 403 ? "refused the secret (" + ex.status() + ")"
                    : ex.status() == 0 ? "no answer: " + ex.getMessage() : "answered " + ex.status();
            row(Mark.FAIL, "Centra " + name, found + " at " + e.baseUrl(), ex.status() == 401 || ex.status() == 403
                    ? "copy the plugin's secret from AMS (its API-Authorization value)" : "check the base URL and that Centra is reachable from here");
            return false;
        }
    }

    /** A store writes its own warehouse through its own plugin: an endpoint shared with another store or a country writes theirs. */
    private void ownEndpoints() {
        for (ConnectorConfig.Store s : config.stores()) {
            URI mine = s.centraEndpoint().baseUrl();
            List<String> sharing = new ArrayList<>();
            config.endpoints().forEach((country, e) -> {
                if (e.baseUrl().equals(mine)) {
                    sharing.add("endpoint " + country);
                }
            });
            config.stores().stream().filter(o -> o != s && o.centraEndpoint().baseUrl().equals(mine)).forEach(o -> sharing.add("store " + o.id()));
            if (sharing.isEmpty()) {
                row(Mark.OK, "store " + s.id() + " has its own endpoint", mine.toString(), null);
            } else {
                row(Mark.FAIL, "store " + s.id() + " has its own endpoint", "shares " + mine + " with " + String.join(", ", sharing),
                        "give the store its own Order API plugin whose primary warehouse is the store's (" + s.centraWarehouse() + ")");
            }
        }
    }

    /** Allocation requests carry Centra's local times with their offset: the one clue the Order API gives to its time zone. */
    private void timeZone(Map<String, CentraEndpoint> endpoints, Map<String, Boolean> answering) {
        for (Map.Entry<String, CentraEndpoint> e : endpoints.entrySet()) {
            if (!answering.get(e.getKey())) {
                continue;
            }
            for (JsonNode r : requests(e.getValue())) {
                String created = r.path("createdAt").asString("");
                if (created.isBlank()) {
                    continue;
                }
                OffsetDateTime at = OffsetDateTime.parse(created);
                var expected = config.centraTimeZone().getRules().getOffset(at.toInstant());
                if (expected.equals(at.getOffset())) {
                    row(Mark.OK, "Centra time zone", config.centraTimeZone() + " (Centra wrote " + created + ")", null);
                } else {
                    row(Mark.FAIL, "Centra time zone", "Centra wrote " + created + " (offset " + at.getOffset() + "); "
                                    + config.centraTimeZone() + " was " + expected + " then",
                            "set kassa.connector.centra.time-zone to the instance's zone (AMS: System → Settings)");
                }
                return;
            }
        }
        row(Mark.NONE, "Centra time zone", "nothing to compare yet: no allocation request seen", "check that kassa.connector.centra"
                + ".time-zone (" + config.centraTimeZone() + ") is the instance's zone in AMS");
    }

    private List<JsonNode> requests(CentraEndpoint e) {
        return requests.computeIfAbsent(e, endpoint -> {
            try {
                List<JsonNode> out = new ArrayList<>();
                client(endpoint).get("allocation-requests", Map.of("status", "all")).path("allocation_requests").forEach(out::add);
                return out;
            } catch (CentraException ex) {
                return List.of(); // not allowed for this plugin, or not answering: other rows say so
            }
        });
    }

    /** Allocation requests name the warehouse they allocate from: its name must be the store's centra-warehouse-name. */
    private void warehouseNames(Map<String, Boolean> answering) {
        for (ConnectorConfig.Store s : config.stores()) {
            if (!answering.getOrDefault("store " + s.id(), false)) {
                continue;
            }
            Optional<String> seen = requests(s.centraEndpoint()).stream().filter(r -> r.path("warehouseId").asLong() == s.centraWarehouse())
                    .map(r -> r.path("warehouseName").asString("")).filter(n -> !n.isBlank()).findFirst();
            String expected = s.ship().centraWarehouseName();
            if (seen.isEmpty()) {
                // an order this store accepted (so Centra allocated it from the store's warehouse) names that warehouse
                Optional<java.util.Set<String>> names = acceptedOrderWarehouses(s);
                if (names.isPresent()) {
                    seen = names.get().contains(expected) ? Optional.of(expected)
                            : names.get().stream().filter(n -> !n.isBlank()).findFirst();
                }
            }
            if (seen.isEmpty()) {
                row(Mark.NONE, "store " + s.id() + " warehouse name", "nothing to compare yet (expects '" + expected + "')",
                        "check that warehouse " + s.centraWarehouse() + " is called '" + expected + "' in AMS");
            } else if (seen.get().equals(expected)) {
                row(Mark.OK, "store " + s.id() + " warehouse name", "'" + expected + "'", null);
            } else {
                row(Mark.FAIL, "store " + s.id() + " warehouse name", "Centra calls warehouse " + s.centraWarehouse() + " '"
                        + seen.get() + "', the setting says '" + expected + "'", "set kassa.connector.stores[].ship-from-store"
                        + ".centra-warehouse-name to '" + seen.get() + "' (GET orders names a line's warehouse by name)");
            }
        }
    }

    /** The warehouse names on the lines of the latest order the store accepted, if the connector knows one. */
    private Optional<java.util.Set<String>> acceptedOrderWarehouses(ConnectorConfig.Store s) {
        Optional<Long> order;
        try {
            order = jdbc.sql("""
                    select order_number from connector_offer where store_id = ? and state in ('accepted', 'in_till', 'shipping', 'shipped')
                    order by offer_id desc fetch first 1 rows only""").param(s.id()).query(Long.class).optional();
        } catch (RuntimeException e) {
            return Optional.empty(); // a database the connector never started on
        }
        return order.flatMap(n -> {
            try {
                return client(s.centraEndpoint()).order(n);
            } catch (CentraException e) {
                return Optional.empty();
            }
        }).map(o -> {
            java.util.Set<String> names = new java.util.LinkedHashSet<>();
            o.lines().forEach(l -> l.allocations().forEach(w -> names.add(w.warehouse())));
            return names;
        }).filter(n -> !n.isEmpty());
    }

    private void catalogue(Map<String, Boolean> answering) {
        config.endpoints().forEach((country, e) -> {
            if (!answering.get("endpoint " + country)) {
                return;
            }
            int n = client(e).get("products", Map.of("limit", "100")).path("products").size();
            if (n > 0) {
                row(Mark.OK, "catalogue " + country, "readable (" + n + (n == 100 ? "+" : "") + " products on the first page)", null);
            } else {
                row(Mark.FAIL, "catalogue " + country, "no products", "check the plugin's markets and that products are active");
            }
        });
        List<String> itemIds;
        try {
            itemIds = jdbc.sql("select distinct item_id from connector_pos_line where item_id is not null").query(String.class).list();
        } catch (RuntimeException e) {
            itemIds = List.of(); // a database the connector never started on
        }
        if (itemIds.isEmpty()) {
            row(Mark.NONE, "till items in Centra", "no till sale seen yet", "after the first sales, run the check again");
            return;
        }
        List<String> known = new ArrayList<>();
        dev.kassa.common.db.Chunks.each(itemIds, slice -> known.addAll(jdbc.sql("select distinct item_id from connector_catalogue_item"
                + " where item_id in (" + String.join(", ", java.util.Collections.nCopies(slice.size(), "?")) + ")")
                .params(new ArrayList<Object>(slice)).query(String.class).list()));
        List<String> missing = itemIds.stream().filter(i -> !known.contains(i)).toList();
        if (missing.isEmpty()) {
            row(Mark.OK, "till items in Centra", "all " + itemIds.size() + " ItemIds the tills sent are Centra items", null);
        } else {
            row(Mark.FAIL, "till items in Centra", (itemIds.size() - missing.size()) + " of " + itemIds.size()
                            + " ItemIds map to Centra items; not: " + String.join(", ", missing.subList(0, Math.min(5, missing.size()))),
                    "check kassa.connector.item-id-pattern (" + config.itemIds() + ") against the tills' ItemIds");
        }
    }

    /**
     * With {@code kassa.connector.centra.api: integration-api}: the token is taken, and through it each store's
     * warehouse and its stock can be read. Whether it may write is tried only with {@code --write-test}: set
     * one more of the item in each store's warehouse, read it back, set it back (a write changes Centra).
     */
    private void integrationApi(Optional<String> writeTestEan) {
        Optional<ConnectorConfig.IntegrationApiSettings> settings = config.integrationApi();
        if (settings.isEmpty()) {
            return;
        }
        IntegrationApiClient api = new IntegrationApiClient(settings.get().baseUrl(), settings.get().token(), Pause.REAL, once);
        try {
            List<IntegrationApiClient.RateLimit> limits = api.rateLimits();
            String left = limits.stream().filter(l -> l.type().equalsIgnoreCase("MUTATION")).map(l -> l.remaining() + " of " + l.quota()
                    + " mutations left in the " + window(l.interval()) + " window").reduce((a, b) -> a + ", " + b).orElse("no mutation limit reported");
            row(Mark.OK, "Centra Integration API", "answers and takes the token (" + api.url() + "); " + left, null);
        } catch (CentraException e) {
            boolean refused = e.status() == 401 || e.status() == 403;
            row(Mark.FAIL, "Centra Integration API", (refused ? "refused the token (" + e.status() + ")" : e.status() == 0
                            ? "no answer: " + e.getMessage() : "answered " + e.status() + ": " + e.getMessage()) + " at " + api.url(),
                    refused ? "create an Integration API token in AMS with the permissions docs/deploy.md lists, and set"
                            + " kassa.connector.centra.integration-api.token to it" : "check kassa.connector.centra.integration-api.base-url");
            return;
        }
        for (ConnectorConfig.Store s : config.stores()) {
            String check = "store " + s.id() + " stock through the Integration API";
            long size = anySize(s);
            try {
                api.stock(s.centraWarehouse(), List.of(size));
                row(Mark.OK, check, "warehouse " + s.centraWarehouse() + " and its stock readable", null);
            } catch (CentraException e) {
                row(Mark.FAIL, check, e.getMessage(), e.getMessage().contains("no warehouse")
                        ? "check kassa.connector.stores[].centra-warehouse: it is Centra's warehouse id (AMS: Warehouses)"
                        : "give the token the read permissions docs/deploy.md lists");
                continue;
            }
            if (writeTestEan.isEmpty()) {
                row(Mark.NONE, "store " + s.id() + " writes through the Integration API", "not tried: a write changes Centra",
                        "run the check with --write-test EAN to set one more of that item and set it back");
                continue;
            }
            integrationApiWriteTest(api, s, writeTestEan.get());
        }
    }

    /** Centra's window name ({@code ONE_HOUR}, or seconds) as words: {@code one hour}, {@code 10 s}. */
    private static String window(String interval) {
        return interval.matches("\\d+") ? interval + " s" : interval.toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }

    /** A size id of the store's country from the catalogue mirror, or 1 (any id: an unknown one reads as nothing). */
    private long anySize(ConnectorConfig.Store s) {
        try {
            return jdbc.sql("select stock_item_id from connector_catalogue_item where country = ? order by stock_item_id fetch first 1 rows only").param(s.country())
                    .query(Long.class).optional().orElse(1L);
        } catch (RuntimeException e) {
            return 1; // a database the connector never started on
        }
    }

    private void integrationApiWriteTest(IntegrationApiClient api, ConnectorConfig.Store s, String ean) {
        String check = "store " + s.id() + " writes through the Integration API";
        Optional<Long> size;
        try {
            size = jdbc.sql("select stock_item_id from connector_catalogue_item where ean = ? order by stock_item_id fetch first 1 rows only").param(ean).query(Long.class).optional();
        } catch (RuntimeException e) {
            size = Optional.empty();
        }
        if (size.isEmpty()) {
            row(Mark.FAIL, check, "the catalogue mirror has no item with EAN " + ean,
                    "start the connector once so that it syncs the catalogue, or name an item the store sells");
            return;
        }
        long id = size.get();
        Integer toSetBack = null; // the quantity to put back once one higher was written
        try {
            IntegrationApiClient.SizeStock before = api.stock(s.centraWarehouse(), List.of(id)).get(id);
            if (before == null) {
                row(Mark.FAIL, check, "Centra has no size " + id + " (EAN " + ean + ") in warehouse " + s.centraWarehouse(),
                        "name an item the store sells");
                return;
            }
            int r = before.physical();
            IntegrationApiClient.WriteResult wrote = setStock(api, s, id, r + 1);
            if (!wrote.ok()) {
                row(Mark.FAIL, check, "Centra refused setStock: " + wrote.userErrors().getFirst().message(), null);
                return;
            }
            toSetBack = r;
            int read = api.stock(s.centraWarehouse(), List.of(id)).get(id).physical();
            IntegrationApiClient.WriteResult back = setStock(api, s, id, r);
            if (back.ok()) {
                toSetBack = null;
            }
            int after = api.stock(s.centraWarehouse(), List.of(id)).get(id).physical();
            row(read == r + 1 ? Mark.OK : Mark.FAIL, check, "wrote " + (r + 1) + ", read back " + read,
                    read == r + 1 ? null : "Centra clamps at allocated stock (" + before.allocated() + "): name an item with none allocated");
            row(after == r && back.ok() ? Mark.OK : Mark.FAIL, "store " + s.id() + " stock set back", "is " + after + ", was " + r,
                    after == r ? null : "set the item's stock in AMS by hand");
        } catch (CentraException e) {
            row(Mark.FAIL, check, e.getMessage(), toSetBack != null
                    ? "the check wrote one more and could not set it back: set size " + id + " in warehouse " + s.centraWarehouse()
                    + " to " + toSetBack + " in AMS" : e.getMessage().contains("Permission")
                    ? "give the token StockChange:write (docs/deploy.md)" : null);
        }
    }

    private static IntegrationApiClient.WriteResult setStock(IntegrationApiClient api, ConnectorConfig.Store s, long size, int quantity) {
        return api.setStock(List.of(new IntegrationApiClient.WarehouseWrite(s.centraWarehouse(), "kassa check --write-test",
                List.of(new IntegrationApiClient.SizeQuantity(size, quantity))))).getFirst();
    }

    private void centara() {
        Optional<ConnectorConfig.CentaraSettings> c = config.centara();
        if (c.isEmpty()) {
            row(Mark.NONE, "Centara", "not configured: ship from store is off", "set kassa.connector.centara.* to ship web orders from stores");
            return;
        }
        String base = c.get().baseUrl().replaceAll("/+$", "");
        HttpResponse<String> probe;
        try {
            probe = send(c.get(), HttpRequest.newBuilder(URI.create(base + "/api/order/kassa-preflight")).GET());
        } catch (Exception e) {
            row(Mark.FAIL, "Centara", "no answer at " + base + ": " + e.getClass().getSimpleName(), "check the base URL and the network");
            return;
        }
        if (probe.statusCode() == 401 || probe.statusCode() == 403) {
            row(Mark.FAIL, "Centara", "refused our credentials (" + probe.statusCode() + ")", "check kassa.connector.centara.auth and its token or user");
            return;
        }
        row(probe.statusCode() < 500 ? Mark.OK : Mark.FAIL, "Centara", "answers (" + probe.statusCode() + ") at " + base,
                probe.statusCode() < 500 ? null : "Centara answered an error: try again, or ask its operator");
        // an order that can never be made (no items): Centara names every problem at once, so an unknown store or
        // tender shows without anything being created
        for (ConnectorConfig.Store s : config.stores()) {
            String body = """
                    {"StoreId": %d, "Created": "%s", "Items": [], "Payments": [{"TenderCode": %d, "Amount": 0}]}"""
                    .formatted(s.centaraStore(), OffsetDateTime.now(clock).withNano(0), c.get().webTender());
            try {
                HttpResponse<String> r = send(c.get(), HttpRequest.newBuilder(URI.create(base + "/api/order"))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
                String answer = r.body() == null ? "" : r.body();
                boolean noStore = answer.contains("StoreId") && answer.contains("does not exist");
                boolean noTender = answer.contains("TenderCode") && answer.contains("does not exist");
                if (r.statusCode() / 100 == 2) {
                    row(Mark.FAIL, "Centara store " + s.centaraStore() + " (" + s.id() + ")", "Centara took an order without items",
                            "delete that empty order at the till; this Centara does not validate orders as documented");
                } else if (noStore || noTender) {
                    row(Mark.FAIL, "Centara store " + s.centaraStore() + " (" + s.id() + ")", (noStore ? "Centara has no store "
                                    + s.centaraStore() : "") + (noStore && noTender ? "; " : "") + (noTender ? "Centara has no tender "
                                    + c.get().webTender() : ""),
                            noStore ? "check kassa.connector.stores[].centara-store" : "check kassa.connector.centara.web-tender");
                } else {
                    row(Mark.OK, "Centara store " + s.centaraStore() + " (" + s.id() + ")", "store and web tender " + c.get().webTender()
                            + " known", null);
                }
            } catch (Exception e) {
                row(Mark.FAIL, "Centara store " + s.centaraStore() + " (" + s.id() + ")", "no answer: " + e.getClass().getSimpleName(), null);
            }
        }
    }

    private HttpResponse<String> send(ConnectorConfig.CentaraSettings c, HttpRequest.Builder request) throws Exception {
        c.auth().header().ifPresent(h -> request.header("Authorization", h));
        return http.send(request.timeout(c.requestTimeout()).build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Through every endpoint in turn (stores and countries), on one item: read its stock R; write R + 1; read
     * back (R + 1, or the endpoint writes free to allocate); read through every other endpoint; write back what
     * it had. Which endpoints' reads moved with whose writes is a matrix, and decision 0017 reads it: a reader
     * that moved with a writer whose own reads move with the reader's writes shares that writer's primary
     * warehouse; one that moved only one way reads the writer's warehouse as a virtual warehouse (Centra never
     * spreads an increase onto a virtual warehouse, so the reader's own writes stay in its primary).
     */
    private void writeTest(String ean, Map<String, Boolean> answering) {
        Map<String, CentraEndpoint> all = new LinkedHashMap<>();
        config.endpoints().forEach((country, e) -> all.put("endpoint " + country, e));
        config.stores().forEach(s -> all.put("store " + s.id(), s.centraEndpoint()));
        Map<String, List<String>> movedWith = new LinkedHashMap<>(); // writer → the readers that moved
        for (Map.Entry<String, CentraEndpoint> writer : all.entrySet()) {
            String name = writer.getKey();
            Optional<ConnectorConfig.Store> store = config.stores().stream().filter(s -> name.equals("store " + s.id())).findFirst();
            if (!answering.getOrDefault(name, false)) {
                store.ifPresent(s -> row(Mark.FAIL, name + " writes its own warehouse", "not tried: the endpoint does not answer", null));
                continue;
            }
            OrderApiClient mine = client(writer.getValue());
            Map<String, CentraEndpoint> others = new LinkedHashMap<>(all);
            others.values().removeIf(e -> e.baseUrl().equals(writer.getValue().baseUrl()));
            Optional<Integer> before = physical(mine, ean);
            if (before.isEmpty()) {
                row(store.isPresent() ? Mark.FAIL : Mark.NONE, name + " writes its own warehouse",
                        "Centra has no item with EAN " + ean + " through this endpoint",
                        store.isPresent() ? "name an item the store sells" : null);
                continue;
            }
            Map<String, Optional<Integer>> othersBefore = new LinkedHashMap<>();
            others.forEach((n, e) -> othersBefore.put(n, physical(client(e), ean)));
            int r = before.get();
            try {
                mine.updateStock(List.of(new StockUpdate(ean, r + 1)));
            } catch (CentraException e) {
                row(store.isPresent() ? Mark.FAIL : Mark.NONE, name + " writes its own warehouse", "the write was refused: "
                        + e.getMessage(), store.isPresent() ? "allow POST stock on the store's Order API plugin" : null);
                continue;
            }
            int read = physical(mine, ean).orElse(Integer.MIN_VALUE);
            List<String> moved = new ArrayList<>();
            others.forEach((n, e) -> {
                if (!physical(client(e), ean).equals(othersBefore.get(n))) {
                    moved.add(n);
                }
            });
            movedWith.put(name, moved);
            int extra = read - (r + 1); // what the read adds to the write (free-to-allocate mode: the allocated stock)
            mine.updateStock(List.of(new StockUpdate(ean, r - extra)));
            int after = physical(mine, ean).orElse(Integer.MIN_VALUE);
            if (store.isPresent() && extra != 0) {
                row(Mark.FAIL, name + " reads back what it writes", "wrote " + (r + 1) + ", read back " + read,
                        "set the plugin's stock update mode to physical stock (not free to allocate)");
            } else if (store.isPresent()) {
                row(Mark.OK, name + " reads back what it writes", "read back " + read, null);
            }
            row(after == r ? Mark.OK : Mark.FAIL, name + " stock set back", "is " + after + ", was " + r,
                    after == r ? null : "set the item's stock in AMS by hand");
        }
        for (ConnectorConfig.Store s : config.stores()) {
            String name = "store " + s.id();
            List<String> moved = movedWith.get(name);
            if (moved == null) {
                continue;
            }
            // a reader not measured as a writer counts as sharing: the write reached it, which is the fault
            List<String> sharing = moved.stream().filter(n -> !movedWith.containsKey(n) || movedWith.get(n).contains(name)).toList();
            if (sharing.isEmpty()) {
                row(Mark.OK, name + " writes its own warehouse", "set one more of " + ean + "; no other endpoint's stock moved", null);
            } else {
                row(Mark.FAIL, name + " writes its own warehouse", "setting it through this endpoint changed what "
                        + String.join(", ", sharing) + " read",
                        "the plugin's primary warehouse must be the store's own (" + s.centraWarehouse() + "), shared with no other endpoint");
            }
        }
        for (String reader : all.keySet()) {
            if (!movedWith.containsKey(reader)) {
                continue;
            }
            List<String> through = movedWith.entrySet().stream()
                    .filter(w -> !w.getKey().equals(reader) && w.getValue().contains(reader) && !movedWith.get(reader).contains(w.getKey()))
                    .map(Map.Entry::getKey).toList();
            boolean isStore = reader.startsWith("store ");
            if (!through.isEmpty()) {
                row(Mark.FAIL, reader + " has no virtual warehouse", "its stock moved when " + String.join(", ", through)
                        + " wrote, and its own writes did not reach them: it reads their warehouse as a virtual warehouse",
                        "in AMS, remove the virtual warehouses from this Order API plugin");
            } else if (isStore) {
                row(Mark.OK, reader + " has no virtual warehouse", "none that another endpoint writes", null);
            }
        }
        row(Mark.NONE, "virtual warehouses no endpoint writes", "the Order API cannot show them: Centra spreads a write over"
                + " the primary and the virtual warehouses", "in AMS, give each store's plugin no virtual warehouse");
    }

    private static Optional<Integer> physical(OrderApiClient client, String ean) {
        try {
            return client.stockByEan(ean).stream().findFirst().map(StockRow::physical);
        } catch (CentraException e) {
            return Optional.empty();
        }
    }

    /** The rows as a table for a terminal: mark, check, what was found, what to do. */
    public static String table(List<Row> rows) {
        int w = Math.max(5, rows.stream().mapToInt(r -> r.check().length()).max().orElse(5));
        StringBuilder out = new StringBuilder();
        for (Row r : rows) {
            out.append(r.mark().sign).append(' ').append(String.format("%-" + w + "s", r.check())).append("  ").append(r.found());
            if (!r.todo().isEmpty()) {
                out.append("\n  ").append(" ".repeat(w)).append("→ ").append(r.todo());
            }
            out.append('\n');
        }
        long failed = rows.stream().filter(r -> r.mark() == Mark.FAIL).count();
        out.append(failed == 0 ? "No problem found." : failed + " problem(s) found.").append('\n');
        return out.toString();
    }
}
