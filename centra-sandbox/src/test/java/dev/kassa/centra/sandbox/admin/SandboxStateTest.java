package dev.kassa.centra.sandbox.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kassa.centra.sandbox.Datasets;
import dev.kassa.centra.sandbox.SandboxTest;
import dev.kassa.centra.sandbox.seed.DemoRetailer;
import dev.kassa.common.testing.OpenApiRoutes;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

class SandboxStateTest extends SandboxTest {

    @Test
    void stateRoundTripsThroughPutAndGet() {
        putState(DemoRetailer.dataset());
        JsonNode exported = state();
        putState(exported.toString());
        assertThat(state()).isEqualTo(exported);
        assertThat(exported.get("warehouses")).hasSize(4);
        assertThat(exported.get("orderApi")).hasSize(5);
    }

    @Test
    void anInvalidDatasetListsEveryProblemWithItsPathAndChangesNothing() {
        putState(Datasets.GOLDEN);
        JsonNode before = state();
        String bad = Datasets.GOLDEN
                .replace("\"currency\": \"USD\"", "\"currency\": \"dollars\"")
                .replace("\"ean\": \"5901144123606\"", "\"ean\": \"1233421127\"")
                .replace("\"physical\": 5, \"allocated\": 1", "\"physical\": 0, \"allocated\": 1")
                .replace("\"uri\": \"fta\"", "\"uri\": \"bad uri\"")
                .replace("\"primaryWarehouse\": 2", "\"primaryWarehouse\": 9");
        Response r = admin("PUT", "/sandbox/state", bad);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.raw().headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/problem+json"));
        List<String> fields = new ArrayList<>();
        r.json().get("errors").forEach(e -> fields.add(e.get("field").asString()));
        assertThat(fields).contains("pricelists[1].currency", "products[1].variants[0].sizes[1].ean",
                "products[1].variants[0].sizes[0].stock[2].physical", "orderApi[3].uri", "orderApi[2].primaryWarehouse");
        assertThat(state()).isEqualTo(before);
    }

    @Test
    void wrongTypesAndUnknownFieldsAreRefusedWithTheirPath() {
        Response typo = admin("PUT", "/sandbox/state", "{\"warehouses\": [{\"id\": 1, \"nmae\": \"Central\"}]}");
        assertThat(typo.status()).isEqualTo(400);
        assertThat(typo.json().get("errors").get(0).get("field").asString()).isEqualTo("warehouses[0].nmae");
        Response type = admin("PUT", "/sandbox/state", "{\"markets\": [{\"id\": \"one\", \"name\": \"x\"}]}");
        assertThat(type.status()).isEqualTo(400);
        assertThat(type.json().get("errors").get(0).get("field").asString()).isEqualTo("markets[0].id");
        Response broken = admin("PUT", "/sandbox/state", "{\"markets\": [");
        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.json().get("errors").get(0).get("message").asString()).contains("not valid JSON");
    }

    @Test
    void theAdminApiNeedsTheToken() {
        assertThat(send("GET", "/sandbox/state", null, null, null).status()).isEqualTo(401);
        Response wrong = send("GET", "/sandbox/state", "Authorization", "Bearer nope", null);
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.json().get("status").asInt()).isEqualTo(401);
        assertThat(send("POST", "/sandbox/clock/advance", "Authorization", "Bearer nope", "{\"seconds\":1}").status())
                .isEqualTo(401);
    }

    @Test
    void theClockOnlyMovesForward() {
        JsonNode before = admin("GET", "/sandbox/clock", null).json();
        JsonNode after = admin("POST", "/sandbox/clock/advance", "{\"seconds\": 86400}").json();
        assertThat(java.time.Instant.parse(after.get("now").asString()))
                .isAfterOrEqualTo(java.time.Instant.parse(before.get("now").asString()).plusSeconds(86400));
        Response back = admin("POST", "/sandbox/clock/advance", "{\"seconds\": -5}");
        assertThat(back.status()).isEqualTo(400);
        assertThat(back.json().get("errors").get(0).get("field").asString()).isEqualTo("seconds");
        assertThat(admin("POST", "/sandbox/clock/advance", "{}").status()).isEqualTo(400);
    }

    @Test
    void openApiDescriptionsAreServedForBothApis() {
        Response orderApi = send("GET", "/openapi/centra-order-api.yaml", null, null, null);
        assertThat(orderApi.status()).isEqualTo(200);
        assertThat(orderApi.body()).contains("openapi: 3.1", "/api/{uri}/products", "/api/{uri}/stock");
        Response admin = send("GET", "/openapi/centra-sandbox-admin.yaml", null, null, null);
        assertThat(admin.status()).isEqualTo(200);
        assertThat(admin.body()).contains("/sandbox/state", "/sandbox/clock/advance");
        // Swagger UI for both, from the jar (no CDN), without credentials
        Response ui = send("GET", "/api-docs", null, null, null);
        assertThat(ui.status()).isEqualTo(200);
        assertThat(ui.body()).contains("/openapi/centra-order-api.yaml", "/openapi/centra-sandbox-admin.yaml",
                "/webjars/swagger-ui/swagger-ui-bundle.js").doesNotContain("http://", "https://");
        assertThat(send("GET", "/webjars/swagger-ui/swagger-ui-bundle.js", null, null, null).status()).isEqualTo(200);
    }

    @Test
    void requestMetricsAreThereForTheAdminToken() {
        admin("GET", "/sandbox/clock", null);
        assertThat(send("GET", "/actuator/prometheus", null, null, null).status()).isEqualTo(401);
        Response metrics = admin("GET", "/actuator/prometheus", null);
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("http_server_requests_seconds_count{", "uri=\"/sandbox/clock\"");
    }

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping mappings;

    @Test
    void everyRouteIsInItsOpenApiDescription() {
        String orderApi = send("GET", "/openapi/centra-order-api.yaml", null, null, null).body();
        String admin = send("GET", "/openapi/centra-sandbox-admin.yaml", null, null, null).body();
        assertThat(OpenApiRoutes.undocumented(mappings, path -> path.startsWith("/api/") ? orderApi
                : path.startsWith("/sandbox/") ? admin : null)).as("routes missing from the OpenAPI files").isEmpty();
    }
}
