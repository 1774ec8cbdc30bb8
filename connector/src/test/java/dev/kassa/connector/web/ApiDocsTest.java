package dev.kassa.connector.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kassa.common.testing.Browser;
import dev.kassa.common.testing.Http;
import dev.kassa.common.testing.OpenApiRoutes;
import dev.kassa.connector.ShipFromStoreTest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The connector's APIs are described in OpenAPI 3.1 (every route of the POS, store and admin APIs and the
 * webhook), served without credentials, and Swagger UI shows them from the jar in Chromium.
 */
class ApiDocsTest extends ShipFromStoreTest {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping mappings;

    @Test
    void everyApiRouteIsDescribed() {
        Http.Response yaml = Http.send("GET", base() + "/openapi/kassa-connector.yaml", Map.of(), null);
        assertThat(yaml.status()).isEqualTo(200);
        assertThat(yaml.body()).startsWith("openapi: 3.1");
        assertThat(OpenApiRoutes.undocumented(mappings, path -> path.startsWith("/api/") || path.startsWith("/webhooks/")
                ? yaml.body() : null)).isEmpty();
    }

    @Test
    void swaggerUiShowsTheConnectorsApisFromTheJar() {
        WebDriver browser = Browser.start();
        try {
            browser.get(base() + "/api-docs");
            try {
                new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> d.findElements(By.cssSelector(".opblock")).size() >= 21);
            } catch (org.openqa.selenium.TimeoutException e) {
                Browser.screenshot(browser, "api-docs-failed");
                throw new AssertionError("Swagger UI showed no operations:\n" + browser.findElement(By.tagName("body")).getText()
                        + "\nwebjar: " + Http.send("GET", base() + "/webjars/swagger-ui/swagger-ui-bundle.js", Map.of(), null).status(), e);
            }
            String page = browser.findElement(By.tagName("body")).getText();
            assertThat(page).contains("Kassa connector", "/api/pos/transactions", "/api/stores/{store}/offers/{id}/accept",
                    "/api/admin/stock/dead-letters/discard", "/webhooks/centra");
            assertThat(page).as("Swagger UI read the file without errors").doesNotContain("Errors", "Could not render");
            Browser.screenshot(browser, "api-docs");
        } finally {
            browser.quit();
        }
    }
}
