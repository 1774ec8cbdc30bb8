package dev.kassa.connector.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The configuration is checked as a whole at start-up; every problem is named by its property path. */
class ConnectorConfigTest {

    private static final ConnectorProperties.Endpoint OK = new ConnectorProperties.Endpoint("http://127.0.0.1:8081/api/x", "s", null);

    @Test
    void everyProblemIsListedAndNoSecretIsShown() {
        ConnectorProperties p = new ConnectorProperties(
                new ConnectorProperties.Centra(Map.of("se", new ConnectorProperties.Endpoint("ftp://x", "top-secret-1", null),
                        "Sweden", OK), new ConnectorProperties.Budget(0, null), "Mars/Olympus",
                        new ConnectorProperties.Retry(0, 0L), 50L, null),
                List.of(new ConnectorProperties.Store("Stockholm!", "", null, null, null, null, "short", null, null, null),
                        new ConnectorProperties.Store("a", "A", "se", 2L, OK, 1, "key-of-store-a-123", "order", "pos", null),
                        new ConnectorProperties.Store("a", "B", "dk", 2L, OK, 1, "key-of-store-a-123", null, null, null)),
                "short", "{sku}-{colour}",
                new ConnectorProperties.Stock(5L, 5000, 0, 0, 10L, null, null),
                new ConnectorProperties.Catalogue(500L, 2000, 0L),
                new ConnectorProperties.Centara("centara.local", "digest", "centara-secret-9", null, null, 0, "NV/", null, 10L),
                new ConnectorProperties.Webhook("hook-secret-7", 0L), new ConnectorProperties.ShipFromStore(-1L, 0L, 1L, 1L, -5L),
                new ConnectorProperties.Console(List.of(new ConnectorProperties.User("anna", "plain-secret-pw", "a", "fr"),
                        new ConnectorProperties.User("anna", "{bcrypt}$2a$10$abcdefghijklmnopqrstuuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ01", "nowhere", null),
                        new ConnectorProperties.User("", null, null, null))), null, "dry-run",
                new ConnectorProperties.Jobs(10L, 0));
        assertThatThrownBy(() -> new ConnectorConfig(p)).isInstanceOf(ConnectorConfig.InvalidConfiguration.class)
                .satisfies(e -> assertThat(e.getMessage()).contains(
                        "kassa.connector.centra.endpoints.se.base-url", "kassa.connector.centra.write-budget.writes-per-10s",
                        "kassa.connector.centra.endpoints.Sweden: the key must be a lower-case ISO country code",
                        "kassa.connector.centra.time-zone", "kassa.connector.admin-token", "kassa.connector.centra.retry.max-attempts",
                        "kassa.connector.centra.retry.first-backoff-millis", "kassa.connector.centra.connect-timeout-millis: must be at least 100",
                        "kassa.connector.centara.request-timeout-millis: must be at least 100", "kassa.connector.item-id-pattern: unknown placeholder(s) {colour}",
                        "kassa.connector.stock.poll-millis", "kassa.connector.stock.batch-items",
                        "kassa.connector.stock.max-attempts", "kassa.connector.stock.workers",
                        "kassa.connector.stock.reconcile-millis", "kassa.connector.catalogue.sync-millis",
                        "kassa.connector.catalogue.page-size", "kassa.connector.catalogue.full-sync-hours",
                        "kassa.connector.stores[0].id", "kassa.connector.stores[0].name", "kassa.connector.stores[0].country",
                        "kassa.connector.stores[0].centra-warehouse", "kassa.connector.stores[0].centra-endpoint",
                        "kassa.connector.stores[0].centara-store", "kassa.connector.stores[0].pos-api-key",
                        "kassa.connector.stores[1].sales-as: must be 'stock'", "kassa.connector.stores[1].sale-order-email",
                        "kassa.connector.stores[2].id", "kassa.connector.stores[2].country: no endpoint",
                        "kassa.connector.stores[2].centra-warehouse",
                        "kassa.connector.stores[2].centara-store", "kassa.connector.stores[2].pos-api-key",
                        "kassa.connector.centara.base-url", "kassa.connector.centara.auth: must be bearer, basic or none",
                        "kassa.connector.centara.web-tender", "kassa.connector.centara.reference-prefix",
                        "kassa.connector.webhook.tolerance-seconds",
                        "kassa.connector.ship-from-store.reject-margin-seconds", "kassa.connector.ship-from-store.due-hours",
                        "kassa.connector.ship-from-store.poll-millis", "kassa.connector.ship-from-store.till-poll-millis",
                        "kassa.connector.ship-from-store.safety-net-millis",
                        "kassa.connector.jobs.heartbeat-millis", "kassa.connector.jobs.missed-heartbeats",
                        "kassa.connector.console.users[0].password: must be a bcrypt hash",
                        "kassa.connector.mode: must be live (the default) or shadow",
                        "kassa.connector.console.users[0].language: 'fr' is not one of en, sv, de",
                        "kassa.connector.console.users[1].username: 'anna' is taken",
                        "kassa.connector.console.users[1].store: no store 'nowhere'",
                        "kassa.connector.console.users[2].username", "kassa.connector.console.users[2].password")
                        .doesNotContain("top-secret-1", "key-of-store-a-123", "centara-secret-9", "hook-secret-7", "plain-secret-pw"));
    }

    @Test
    void aGoodConfigurationGivesStoresTheBudgetAndDefaults() {
        ConnectorConfig c = new ConnectorConfig(new ConnectorProperties(new ConnectorProperties.Centra(Map.of("se", OK), null, null, null, null, null),
                List.of(new ConnectorProperties.Store("stockholm", "Stockholm", "se", 2L, OK, 1, "key-of-stockholm-1", null, null, null)),
                null, null, null, null, null, null, null, null, null, null, null));
        assertThat(c.stores()).hasSize(1);
        assertThat(c.shadow()).as("live by default").isFalse();
        assertThat(c.centara()).as("ship-from-store is off without Centara").isEmpty();
        assertThat(c.storeWithKey("key-of-stockholm-1")).get().extracting(ConnectorConfig.Store::id).isEqualTo("stockholm");
        assertThat(c.storeWithKey("key-of-stockholm-2")).isEmpty();
        assertThat(c.writeBudget()).extracting(l -> l.writes()).containsExactly(20, 1800);
        assertThat(c.stores().getFirst().toString()).doesNotContain("key-of-stockholm-1");
        assertThat(c.itemIds()).hasToString("{sku}-{variantSku}-{sizeSku}");
        assertThat(c.centraTimeZone().getId()).isEqualTo("Europe/Stockholm");
        assertThat(c.stock().batchItems()).isEqualTo(200);
        assertThat(c.catalogue().fullSyncEvery().toHours()).isEqualTo(24);
        assertThat(c.stores().getFirst().salesAsOrders()).isFalse();
        assertThat(c.stores().getFirst().saleOrderEmail()).isEqualTo("pos-stockholm@kassa.invalid");
    }

    @Test
    void centaraTakesEachAuthentication() {
        ConnectorProperties.Centra centra = new ConnectorProperties.Centra(Map.of("se", OK), null, null, null, null, null);
        java.util.function.Function<ConnectorProperties.Centara, ConnectorConfig> config = c ->
                new ConnectorConfig(new ConnectorProperties(centra, List.of(), null, null, null, null, c, null, null, null, true, null, null));
        ConnectorConfig.CentaraSettings bearer = config.apply(new ConnectorProperties.Centara("http://127.0.0.1:8081", null,
                "demo-centara-token", null, null, 50, null, null, null)).centara().orElseThrow();
        assertThat(bearer.auth().header()).contains("Bearer demo-centara-token");
        assertThat(bearer.webTender()).isEqualTo(50);
        assertThat(bearer.reference(1008)).as("no prefix by default").isEqualTo("1008");
        assertThat(bearer.connectTimeout()).isEqualTo(java.time.Duration.ofSeconds(5));
        assertThat(bearer.requestTimeout()).isEqualTo(java.time.Duration.ofSeconds(30));
        assertThat(config.apply(new ConnectorProperties.Centara("https://c.example/site", "basic", null, "kassa", "pw", 10, null, null, null))
                .centara().orElseThrow().auth().header()).contains("Basic a2Fzc2E6cHc=");
        ConnectorConfig.CentaraSettings none = config.apply(new ConnectorProperties.Centara("https://c.example", "none", null, null,
                null, 10, "NV-", null, null)).centara().orElseThrow();
        assertThat(none.auth().header()).isEmpty();
        assertThat(none.reference(1008)).isEqualTo("NV-1008");
        assertThatThrownBy(() -> config.apply(new ConnectorProperties.Centara("https://c.example", "none", null, null, null, 10,
                "TOO-LONG-PREFIX", null, null))).hasMessageContaining("kassa.connector.centara.reference-prefix");
        assertThatThrownBy(() -> config.apply(new ConnectorProperties.Centara("https://c.example", "bearer", " ", null, null, 10, null, null, null)))
                .hasMessageContaining("kassa.connector.centara.token");
        assertThatThrownBy(() -> config.apply(new ConnectorProperties.Centara("https://c.example", "basic", null, "a:b", null, 10, null, null, null)))
                .hasMessageContaining("kassa.connector.centara.username / password");
    }

    @Test
    void withoutAStoreItRefusesToStartSayingWhatToConfigureUnlessAnEmptyStartIsAskedFor() {
        ConnectorProperties.Centra centra = new ConnectorProperties.Centra(Map.of("se", OK), null, null, null, 2_000L, 10_000L);
        assertThatThrownBy(() -> new ConnectorConfig(new ConnectorProperties(centra, List.of(), null, null, null, null, null, null, null,
                null, null, null, null))).hasMessageContaining("kassa.connector.stores: no store is configured")
                .hasMessageContaining("pos-api-key").hasMessageContaining("--allow-no-stores");
        ConnectorConfig empty = new ConnectorConfig(new ConnectorProperties(centra, List.of(), null, null, null, null, null, null, null,
                null, true, "shadow", null));
        assertThat(empty.shadow()).isTrue();
        assertThat(empty.stores()).isEmpty();
        assertThat(empty.clientSettings().connectTimeout()).isEqualTo(java.time.Duration.ofSeconds(2));
        assertThat(empty.clientSettings().requestTimeout()).isEqualTo(java.time.Duration.ofSeconds(10));
    }

    /** YAML reads a bare no as false and 0012 as octal 10; both bind without an error, so the connector looks for them. */
    @Test
    void yamlsSurprisesAreCaughtWithAHintToQuote() throws Exception {
        String yaml = """
                kassa:
                  connector:
                    centra:
                      endpoints:
                        "no": {base-url: http://127.0.0.1:8081/api/order-api-no, secret: s}
                    stores:
                      - id: "oslo"
                        name: Store Oslo
                        country: no
                        centra-warehouse: 7
                        centra-endpoint: {base-url: http://127.0.0.1:8081/api/store-oslo, secret: s}
                        centara-store: 0012
                        pos-api-key: "0012345678901234567"
                        ship-from-store:
                          not-in-stock-corrects-stock: true
                      - id: on
                        name: Store On
                        country: "no"
                        centra-warehouse: 8
                        centra-endpoint: {base-url: http://127.0.0.1:8081/api/store-on, secret: s}
                        centara-store: 14
                        pos-api-key: key-of-store-on-0001
                """;
        org.springframework.core.env.StandardEnvironment env = new org.springframework.core.env.StandardEnvironment();
        new org.springframework.boot.env.YamlPropertySourceLoader().load("application.yaml",
                new org.springframework.core.io.ByteArrayResource(yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8), "application.yaml"))
                .forEach(env.getPropertySources()::addLast);
        ConnectorProperties p = org.springframework.boot.context.properties.bind.Binder.get(env)
                .bind("kassa.connector", ConnectorProperties.class).get();
        assertThat(p.stores().getFirst().country()).as("what YAML made of it").isEqualTo("false");
        assertThat(p.stores().getFirst().centaraStore()).isEqualTo(10);
        assertThatThrownBy(() -> new ConnectorConfig(p, env)).isInstanceOf(ConnectorConfig.InvalidConfiguration.class)
                .satisfies(e -> assertThat(e.getMessage()).contains(
                        "kassa.connector.stores[0].country: YAML read this as false", "quote the value you meant, e.g. country: \"no\"",
                        "kassa.connector.stores[0].centara-store: YAML read a number with a leading zero as 10",
                        "kassa.connector.stores[1].id: YAML read this as true")
                        .doesNotContain("not-in-stock-corrects-stock: YAML", "pos-api-key: YAML", "stores[1].country: YAML"));
    }

    @Test
    void theItemIdPatternFillsInTheCentraParts() {
        ItemIdPattern p = new ItemIdPattern("{sku}-{variantSku}-{sizeSku}");
        assertThat(p.itemId(Map.of("sku", "LS100", "variantSku", "WH", "sizeSku", "S"))).isEqualTo("LS100-WH-S");
        assertThat(p.itemId(Map.of("sku", "TB400", "variantSku", "NA", "sizeSku", ""))).isEqualTo("TB400-NA");
        assertThat(new ItemIdPattern("{ean}").itemId(Map.of("ean", "7350000010015"))).isEqualTo("7350000010015");
        assertThatThrownBy(() -> new ItemIdPattern("fixed")).hasMessageContaining("at least one placeholder");
    }

    @Test
    void theIntegrationApiNeedsItsBaseUrlAndTokenAndNamesEachProblem() {
        java.util.function.Function<ConnectorProperties.Centra, ConnectorConfig> config = centra -> new ConnectorConfig(
                new ConnectorProperties(centra, List.of(), null, null, null, null, null, null, null, null, true, null, null));
        assertThat(config.apply(new ConnectorProperties.Centra(Map.of("se", OK), null, null, null, null, null)).integrationApi())
                .as("the Order API by default").isEmpty();
        ConnectorConfig.IntegrationApiSettings ok = config.apply(new ConnectorProperties.Centra(Map.of("se", OK), null, null, null,
                null, null, "integration-api", new ConnectorProperties.IntegrationApi(" https://shop.centra.com ", "gql-token-1")))
                .integrationApi().orElseThrow();
        assertThat(ok.baseUrl()).isEqualTo("https://shop.centra.com");
        assertThat(ok.toString()).doesNotContain("gql-token-1");
        assertThatThrownBy(() -> config.apply(new ConnectorProperties.Centra(Map.of("se", OK), null, null, null, null, null,
                "integration-api", new ConnectorProperties.IntegrationApi("ftp://x", " "))))
                .hasMessageContaining("kassa.connector.centra.integration-api.base-url: must be an http(s) URL")
                .hasMessageContaining("kassa.connector.centra.integration-api.token: is required");
        assertThatThrownBy(() -> config.apply(new ConnectorProperties.Centra(Map.of("se", OK), null, null, null, null, null,
                "graphql", null))).hasMessageContaining("kassa.connector.centra.api: must be order-api (the default) or integration-api");
    }
}
