package dev.kassa.centara.sandbox.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kassa.centara.sandbox.CentaraTest;
import dev.kassa.common.testing.Http;
import dev.kassa.common.testing.OpenApiRoutes;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/** Both OpenAPI files are served without credentials and describe every route. */
class OpenApiTest extends CentaraTest {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping mappings;

    @Test
    void everyRouteIsInItsOpenApiDescription() {
        Http.Response orders = Http.send("GET", base() + "/openapi/centara-external-orders.yaml", Map.of(), null);
        Http.Response admin = Http.send("GET", base() + "/openapi/centara-sandbox-admin.yaml", Map.of(), null);
        assertThat(orders.status()).isEqualTo(200);
        assertThat(admin.status()).isEqualTo(200);
        assertThat(OpenApiRoutes.undocumented(mappings, path -> path.startsWith("/sandbox/") ? admin.body()
                : path.contains("api/order") ? orders.body() : null)).isEmpty();
    }

    @Test
    void swaggerUiShowsBothFromTheJar() {
        Http.Response ui = Http.send("GET", base() + "/api-docs", Map.of(), null);
        assertThat(ui.status()).isEqualTo(200);
        assertThat(ui.body()).contains("/openapi/centara-external-orders.yaml", "/openapi/centara-sandbox-admin.yaml",
                "/webjars/swagger-ui/swagger-ui-bundle.js").doesNotContain("http://", "https://");
        assertThat(Http.send("GET", base() + "/webjars/swagger-ui/swagger-ui.css", Map.of(), null).status()).isEqualTo(200);
    }

    @Test
    void requestMetricsAreThereForTheAdminToken() {
        admin("GET", "/sandbox/state", null);
        assertThat(Http.send("GET", base() + "/actuator/prometheus", Map.of(), null).status()).isEqualTo(401);
        Http.Response metrics = admin("GET", "/actuator/prometheus", null);
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("http_server_requests_seconds_count{", "uri=\"/sandbox/state\"");
    }
}
