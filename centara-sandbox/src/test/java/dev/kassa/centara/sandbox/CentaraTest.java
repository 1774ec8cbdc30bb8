package dev.kassa.centara.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kassa.common.testing.Http;
import dev.kassa.common.testing.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Base of the Centara sandbox's integration tests: the real server on a random port over real HTTP, on a
 * fresh database of the kind this run is for. Each test sets the state it needs through the admin API.
 * The automatic-deletion sweep runs only when a test moves the clock: the seed's sample order is from 2017,
 * so a sweep on its own timer would delete it while a test still looks at it.
 */
@Tag("db")
@SpringBootTest(classes = CentaraSandboxApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"kassa.sandbox.admin-token=" + CentaraTest.ADMIN_TOKEN, "kassa.sandbox.seed=empty",
                "kassa.sandbox.push.poll-millis=50", "kassa.sandbox.sweep-millis=3600000", "logging.level.dev.kassa=WARN"})
public abstract class CentaraTest {

    public static final String ADMIN_TOKEN = "test-admin-token";
    public static final String API_TOKEN = "centara-token";
    private static final TestDatabase DB = TestDatabase.fresh();

    /** The seed's registry: the sample order's store, customer, items, tender and info codes. */
    public static final String SAMPLE_REGISTRY = """
            {"auth": {"mode": "bearer", "token": "centara-token"},
             "stores": [{"id": 1, "name": "Reykjavík", "timeZone": "Atlantic/Reykjavik"},
                        {"id": 2, "name": "Stockholm", "timeZone": "Europe/Stockholm"}],
             "customers": [{"CustomerId": "0001-01564", "FirstName": "Birgir", "LastName": "Kristmannsson"}],
             "items": [{"ItemId": "12269319", "Description": "Financiers Chocolate", "Barcodes": ["5690000000017"]},
                       {"ItemId": "12278428", "Description": "NESPRS Ritual Discovery Box", "Barcodes": ["5690000000024"]}],
             "tenders": [{"TenderCode": 10, "Name": "Cash"}, {"TenderCode": 50, "Name": "Web payment"}],
             "infoCodes": [{"Id": "Kennitala", "Description": "National id"}, {"Id": "Skóstærð", "Description": "Shoe size"}]%s}
            """;

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        DB.properties().forEach((k, v) -> registry.add(k, () -> v));
    }

    protected String base() {
        return "http://127.0.0.1:" + port;
    }

    protected Http.Response api(String method, String path, String body) {
        return Http.send(method, base() + path, Map.of("Authorization", "Bearer " + API_TOKEN), body);
    }

    protected Http.Response admin(String method, String path, String body) {
        return Http.send(method, base() + path, Map.of("Authorization", "Bearer " + ADMIN_TOKEN), body);
    }

    protected void putState(String json) {
        Http.Response r = admin("PUT", "/sandbox/state", json);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    protected void putSampleRegistry() {
        putState(SAMPLE_REGISTRY.formatted(""));
    }

    protected JsonNode state() {
        Http.Response r = admin("GET", "/sandbox/state", null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    protected static String fixture(String name) {
        try (InputStream in = CentaraTest.class.getResourceAsStream("/fixtures/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
