package dev.kassa.connector;

import dev.kassa.common.testing.Http;
import dev.kassa.common.testing.TestDatabase;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the connector's integration tests: the real connector on a random port over real HTTP, on a
 * fresh database, with two stores. Centra is not called by the intake, so its endpoints need not answer.
 */
@Tag("db")
@SpringBootTest(classes = ConnectorApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"logging.level.dev.kassa=WARN", "kassa.connector.catalogue.sync-millis=0",
                "kassa.connector.stock.poll-millis=3600000", "kassa.connector.admin-token=connector-admin-token",
                "kassa.connector.centra.endpoints.se.base-url=http://127.0.0.1:9/api/order-api-se",
                "kassa.connector.centra.endpoints.se.secret=se-secret",
                "kassa.connector.stores[0].id=stockholm", "kassa.connector.stores[0].name=Store Stockholm",
                "kassa.connector.stores[0].country=se",
                "kassa.connector.stores[0].centra-warehouse=2", "kassa.connector.stores[0].centara-store=1",
                "kassa.connector.stores[0].centra-endpoint.base-url=http://127.0.0.1:9/api/store-stockholm",
                "kassa.connector.stores[0].centra-endpoint.secret=sthlm-secret",
                "kassa.connector.stores[0].pos-api-key=" + ConnectorTest.STOCKHOLM_KEY,
                "kassa.connector.stores[1].id=goteborg", "kassa.connector.stores[1].name=Store Göteborg",
                "kassa.connector.stores[1].country=se",
                "kassa.connector.stores[1].centra-warehouse=3", "kassa.connector.stores[1].centara-store=2",
                "kassa.connector.stores[1].centra-endpoint.base-url=http://127.0.0.1:9/api/store-goteborg",
                "kassa.connector.stores[1].centra-endpoint.secret=gbg-secret",
                "kassa.connector.stores[1].pos-api-key=" + ConnectorTest.GOTEBORG_KEY})
public abstract class ConnectorTest {

    public static final String STOCKHOLM_KEY = "pos-key-stockholm-0001";
    public static final String GOTEBORG_KEY = "pos-key-goteborg-0002";
    private static final TestDatabase DB = TestDatabase.fresh();

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        DB.properties().forEach((k, v) -> registry.add(k, () -> v));
    }

    protected String base() {
        return "http://127.0.0.1:" + port;
    }

    protected Http.Response post(String key, String body) {
        return Http.send("POST", base() + "/api/pos/transactions",
                key == null ? Map.of() : Map.of("Authorization", "Bearer " + key), body);
    }
}
