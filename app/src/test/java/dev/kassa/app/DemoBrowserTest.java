package dev.kassa.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kassa.centra.sandbox.CentraSandboxApplication;
import dev.kassa.centara.sandbox.CentaraSandboxApplication;
import dev.kassa.common.testing.Browser;
import dev.kassa.common.testing.Http;
import dev.kassa.connector.ConnectorApplication;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The README's demo scenario clicked through in a real browser (Debian's headless Chromium) on the demo's
 * wiring, on free ports: a web order placed on the Centra sandbox's page and offered to Göteborg comes into
 * Göteborg's console; Anna accepts it; it appears at Göteborg's till, where it is closed; the Centra order is
 * then shipped from Göteborg. And a sale at Stockholm's till lowers Stockholm's web stock. Screenshots of
 * each page go to {@code app/target/screenshots}.
 */
class DemoBrowserTest {

    private static final String EAN = "7350000010015"; // Linen Shirt White S: Göteborg has it in the demo

    private static int port(ConfigurableApplicationContext c) {
        return Integer.parseInt(c.getEnvironment().getProperty("local.server.port"));
    }

    private static int physical(String centra, String store, String ean) {
        return Http.send("GET", centra + "/api/store-" + store + "/stock?ean=" + ean, Map.of("API-Authorization", "demo-" + store + "-secret"),
                null).json().get("products").get(0).get("physicalStock").asInt();
    }

    @Test
    void theReadmeScenarioWorksInABrowser() throws Exception {
        try (ConfigurableApplicationContext centra = DemoWiringTest.start(CentraSandboxApplication.class, List.of());
             ConfigurableApplicationContext centara = DemoWiringTest.start(CentaraSandboxApplication.class, List.of())) {
            String centraBase = "http://127.0.0.1:" + port(centra);
            String till = "http://127.0.0.1:" + port(centara);
            List<String> connectorArgs = new ArrayList<>(Demo.connectorProperties(centraBase, till));
            connectorArgs.add("--kassa.connector.ship-from-store.till-poll-millis=500"); // the demo looks every 30 s
            try (ConfigurableApplicationContext connector = DemoWiringTest.start(ConnectorApplication.class, connectorArgs)) {
                String kassa = "http://127.0.0.1:" + port(connector);
                // the demo's webhook and till push go to 127.0.0.1:8080; here the connector listens elsewhere
                Map<String, String> admin = Map.of("Authorization", "Bearer " + Demo.ADMIN_TOKEN);
                ObjectNode tillState = (ObjectNode) Http.send("GET", till + "/sandbox/state", admin, null).json();
                ((ObjectNode) tillState.get("transactionTarget")).put("url", kassa + "/api/pos/transactions");
                assertThat(Http.send("PUT", till + "/sandbox/state", admin, tillState.toString()).status()).isEqualTo(200);
                ObjectNode centraState = (ObjectNode) Http.send("GET", centraBase + "/sandbox/state", admin, null).json();
                ((ObjectNode) centraState.get("webhooks").get(0)).put("url", kassa + "/webhooks/centra");
                centraState.remove("activity");
                assertThat(Http.send("PUT", centraBase + "/sandbox/state", admin, centraState.toString()).status()).isEqualTo(200);
                int goteborgBefore = physical(centraBase, "goteborg", EAN);

                WebDriver browser = Browser.start();
                try {
                    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
                    // 1. a web order on the Centra sandbox's page, offered to Göteborg
                    browser.get("http://demo:" + Demo.ADMIN_TOKEN + "@127.0.0.1:" + port(centra) + "/shop");
                    new Select(browser.findElement(By.id("country"))).selectByValue("SE");
                    new Select(browser.findElement(By.id("ean"))).selectByValue(EAN);
                    browser.findElement(By.id("offer-3")).click();
                    Browser.screenshot(browser, "centra-shop");
                    browser.findElement(By.id("place")).click();
                    String placed = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("msg"))).getText();
                    Matcher m = Pattern.compile("Web order (\\d+) placed").matcher(placed);
                    assertThat(m.find()).as(placed).isTrue();
                    String order = m.group(1);

                    // 2. it comes into Göteborg's console; Anna accepts it
                    browser.get(kassa + "/login");
                    browser.findElement(By.id("username")).sendKeys("anna");
                    browser.findElement(By.id("password")).sendKeys(Demo.CONSOLE_PASSWORD);
                    browser.findElement(By.id("login")).click();
                    By accept = By.xpath("//article[.//a[normalize-space()='Order " + order + "']]//button[contains(@class, 'accept')]");
                    wait.until(ExpectedConditions.elementToBeClickable(accept));
                    Browser.screenshot(browser, "console-incoming");
                    browser.findElement(accept).click();
                    wait.until(ExpectedConditions.alertIsPresent()).accept(); // "Accept order …? it cannot be undone"
                    By markShipped = By.xpath("//section[@id='to-pack']//article[.//a[normalize-space()='Order " + order
                            + "']]//button[starts-with(@id, 'shipped-')]");
                    wait.until(ExpectedConditions.presenceOfElementLocated(markShipped));
                    Browser.screenshot(browser, "console-to-pack");

                    // 3. it is at Göteborg's till (Centara store 2); closing it there ships it in Centra
                    browser.get("http://demo:" + Demo.ADMIN_TOKEN + "@127.0.0.1:" + port(centara) + "/till/2");
                    By close = By.xpath("//section[h3[normalize-space()='" + order + "']]//button[@value='close']");
                    wait.until(ExpectedConditions.presenceOfElementLocated(close));
                    Browser.screenshot(browser, "till");
                    browser.findElement(close).click();
                    wait.until(ExpectedConditions.invisibilityOfElementLocated(close));

                    browser.get(kassa + "/console/stores/goteborg");
                    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("history"), order + " shipped"));
                    Browser.screenshot(browser, "console-shipped");
                    JsonNode centraOrder = Http.send("GET", centraBase + "/api/order-api-se/orders?order=" + order,
                            Map.of("API-Authorization", "demo-se-secret"), null).json().get("orders").get(0);
                    assertThat(centraOrder.get("shipments")).hasSize(1);
                    assertThat(physical(centraBase, "goteborg", EAN)).as("shipped from Göteborg").isEqualTo(goteborgBefore - 1);
                    browser.get("http://demo:" + Demo.ADMIN_TOKEN + "@127.0.0.1:" + port(centra) + "/shop");
                    assertThat(browser.findElement(By.id("order-" + order)).getText()).contains("Store Göteborg", "shipped");

                    // 4. a sale at Stockholm's till lowers Stockholm's web stock (of an item Stockholm has)
                    String sold = null;
                    for (JsonNode row : Http.send("GET", centraBase + "/api/store-stockholm/stock?limit=100",
                            Map.of("API-Authorization", "demo-stockholm-secret"), null).json().get("products")) {
                        if (sold == null && row.get("physicalStock").asInt() - row.get("allocatedStock").asInt() >= 1) {
                            sold = row.get("ean").asString();
                        }
                    }
                    assertThat(sold).as("the demo's Stockholm shop stocks something").isNotNull();
                    String ean = sold;
                    int stockholmBefore = physical(centraBase, "stockholm", ean);
                    browser.get("http://demo:" + Demo.ADMIN_TOKEN + "@127.0.0.1:" + port(centara) + "/till/1");
                    var sell = browser.findElement(By.id("sell"));
                    sell.findElement(By.name("item")).sendKeys(ean);
                    sell.findElement(By.name("price")).sendKeys("499");
                    sell.findElement(By.cssSelector("button[type=submit]")).click();
                    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".msg"), "Recorded"));
                    new WebDriverWait(browser, Duration.ofSeconds(60)).until(d -> physical(centraBase, "stockholm", ean) == stockholmBefore - 1);
                    browser.navigate().refresh();
                    assertThat(browser.findElement(By.id("transactions")).getText()).as("the till pushed the sale").contains("delivered");
                    Browser.screenshot(browser, "till-sale");
                } finally {
                    browser.quit();
                }
            }
        }
    }
}
