package dev.kassa.centra.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kassa.centra.sandbox.state.CentraDataset;
import dev.kassa.common.testing.Http;
import dev.kassa.common.testing.TestDatabase;
import java.util.Map;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Tag;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Base of the sandbox's integration tests: the real server on a random port over real HTTP, on a fresh
 * database of the kind this run is for (H2 file or a PostgreSQL schema). All subclasses share one
 * server; each test sets the state it needs through the admin API, as an integrator would.
 */
@Tag("db")
@SpringBootTest(classes = CentraSandboxApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"kassa.sandbox.admin-token=" + SandboxTest.ADMIN_TOKEN, "kassa.sandbox.seed=empty",
                "logging.level.dev.kassa=WARN",
                "kassa.sandbox.integration-api.tokens." + SandboxTest.STOCK_TOKEN
                        + "=Warehouse:read,Warehouse.stock:read,ProductSize:read,StockChange:write,StockChange:read",
                "kassa.sandbox.integration-api.tokens." + SandboxTest.READER_TOKEN + "=Warehouse:read,Warehouse.stock:read"})
public abstract class SandboxTest {

    public static final String ADMIN_TOKEN = "test-admin-token";
    /** Integration API tokens: one that may read and write stock and read stock changes, one that may only read stock. */
    public static final String STOCK_TOKEN = "test-stock-token";
    public static final String READER_TOKEN = "test-reader-token";
    public static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TestDatabase DB = TestDatabase.fresh();

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        DB.properties().forEach((k, v) -> registry.add(k, () -> v));
    }

    public record Response(int status, String body, HttpResponse<String> raw) {
        public JsonNode json() {
            return JSON.readTree(body);
        }
    }

    protected String base() {
        return "http://127.0.0.1:" + port;
    }

    protected Response send(String method, String path, String header, String headerValue, String body) {
        Http.Response r = Http.send(method, base() + path, header == null ? Map.of() : Map.of(header, headerValue), body);
        return new Response(r.status(), r.body(), r.raw());
    }

    /** An Order API call with {@code API-Authorization: secret}. */
    protected Response orderApi(String method, String path, String secret, String body) {
        return send(method, path, secret == null ? null : "API-Authorization", secret, body);
    }

    protected JsonNode getOk(String path, String secret) {
        Response r = orderApi("GET", path, secret, null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    protected Response admin(String method, String path, String body) {
        return send(method, path, "Authorization", "Bearer " + ADMIN_TOKEN, body);
    }

    protected void putState(CentraDataset dataset) {
        putState(JSON.writeValueAsString(dataset));
    }

    protected void putState(String json) {
        Response r = admin("PUT", "/sandbox/state", json);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    protected JsonNode state() {
        Response r = admin("GET", "/sandbox/state", null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    protected static String fixture(String name) {
        try (InputStream in = SandboxTest.class.getResourceAsStream("/fixtures/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** GET stock for one EAN through an instance, as {physical, allocated, available}. */
    protected int[] stockOf(String uri, String secret, String ean) {
        JsonNode p = getOk("/api/" + uri + "/stock?ean=" + ean, secret).get("products");
        assertThat(p.size()).as("items with EAN " + ean).isEqualTo(1);
        return new int[]{p.get(0).get("physicalStock").asInt(), p.get(0).get("allocatedStock").asInt(),
                p.get(0).get("availableStock").asInt()};
    }
}
