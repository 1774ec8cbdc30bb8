package dev.kassa.connector.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kassa.connector.ConnectorApplication;
import dev.kassa.connector.ShipFromStoreTest;
import dev.kassa.connector.shipfromstore.OfferState;
import dev.kassa.connector.shipfromstore.Offers;
import dev.kassa.connector.shipfromstore.ShipFromStore;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import dev.kassa.common.testing.Browser;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Two connector nodes on one database (H2 and PostgreSQL): a store page open on one node hears of what the
 * store's staff did through the other (a load balancer sends each request where it likes), over HTTP and in
 * Chromium at phone width, and the store's till orders are looked at every second whichever node looks
 * (decision 0021).
 */
@Tag("db")
class ConsoleAcrossNodesTest extends ShipFromStoreTest {

    private static final String EAN = "7350000010022"; // Linen Shirt White M

    @Test
    void aPageOnOneNodeHearsOfAnAcceptMadeThroughAnotherAndKeepsItsTillOrdersWatched() throws Exception {
        CENTRA.setPhysical("stockholm", EAN, 500);
        try (ConfigurableApplicationContext nodeB = secondNode()) {
            BlockingQueue<String> events = new LinkedBlockingQueue<>();
            openStorePage("sven", "stockholm", events);

            long order = placeWebOrder(EAN, 1, 2);
            receive(order, "create"); // this node stores and applies Centra's webhook: its own pages hear at once
            assertThat(events.poll(10, TimeUnit.SECONDS)).as("the new offer, told by this node").isNotNull();
            long offer = offerOf(STOCKHOLM_KEY, "stockholm", order).get("id").asLong();
            while (events.poll(1500, TimeUnit.MILLISECONDS) != null) {
                // a look across nodes may still tell of the same change: until the stream is quiet
            }

            // sven's colleague accepts on her phone; the load balancer sends it to node B
            nodeB.getBean(ShipFromStore.class).decide("stockholm", offer, true, "maja (staff)", null);
            String told = events.poll(10, TimeUnit.SECONDS);
            assertThat(told).as("the accept made through node B reaches the page open on this node").isNotNull();
            assertThat(told).contains("changed on another node");

            worker.workAll(); // Centra's answer and the till order: in_till
            assertThat(offerOf(STOCKHOLM_KEY, "stockholm", order).get("state").asString()).isEqualTo("in_till");
            // node B looked at the till order and, as nobody watches on B, will look again in a minute...
            long inAMinute = clock.millis() + 60_000;
            nodeB.getBean(Offers.class).later(offer, OfferState.IN_TILL, inAMinute);
            // ...but sven's page is open on this node, so it is due within a second again, for whichever node looks
            Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).untilAsserted(() ->
                    assertThat(jdbc.sql("select next_attempt_at_ms from connector_offer where offer_id = ?").param(offer)
                            .query(Long.class).single())
                            .as("the till order's next look while a page is open on another node")
                            .isLessThanOrEqualTo(clock.millis() + 1000));
        } finally {
            pages.shutdownNow(); // the page leaves: its node stops watching the store at the next ping
        }
    }

    @Test
    void theStorePageInChromiumAtPhoneWidthShowsAnAcceptMadeThroughAnotherNode() throws Exception {
        CENTRA.setPhysical("stockholm", EAN, 500);
        WebDriver browser = Browser.start();
        try (ConfigurableApplicationContext nodeB = secondNode()) {
            browser.manage().window().setSize(new Dimension(390, 844));
            WebDriverWait waiting = new WebDriverWait(browser, Duration.ofSeconds(10));
            browser.get(base() + "/login");
            browser.findElement(By.id("username")).sendKeys("sven");
            browser.findElement(By.id("password")).sendKeys(PASSWORD);
            browser.findElement(By.id("login")).click();
            waiting.until(ExpectedConditions.presenceOfElementLocated(By.id("user")));
            browser.get(base() + "/console/stores/stockholm");

            long order = placeWebOrder(EAN, 1, 2);
            receive(order, "create");
            long offer = offerOf(STOCKHOLM_KEY, "stockholm", order).get("id").asLong();
            waiting.until(ExpectedConditions.presenceOfElementLocated(By.id("accept-" + offer)));

            // well inside the page's own 30-second reload: only the event from this node can show it this soon
            nodeB.getBean(ShipFromStore.class).decide("stockholm", offer, true, "maja (staff)", null);
            waiting.until(ExpectedConditions.presenceOfElementLocated(By.id("pack-" + offer)));
            assertThat(browser.findElements(By.id("accept-" + offer))).as("no longer to decide").isEmpty();
            Browser.screenshot(browser, "across-nodes-phone");
        } finally {
            browser.quit();
        }
    }

    /** A second connector node: the same settings and database, the same (test) clock, its own port and job engine. */
    private ConfigurableApplicationContext secondNode() {
        Map<String, Object> p = new HashMap<>();
        for (String kv : ShipFromStoreTest.class.getAnnotation(SpringBootTest.class).properties()) {
            p.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
        }
        p.putAll(DB.properties());
        p.putAll(storeProperties());
        p.put("server.port", "0");
        // as arguments: properties given to the builder are only defaults, below the connector's own
        return new SpringApplicationBuilder(ConnectorApplication.class)
                .initializers(c -> c.getBeanFactory().registerSingleton("clock", clock))
                .run(p.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
    }

    /** The store page's client (its own cookies), closed after each test. */
    private final HttpClient pages = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).build();

    /** Logs {@code user} in to the console of this node and opens the store page's event stream; its lines go to {@code events}. */
    private void openStorePage(String user, String store, BlockingQueue<String> events) throws Exception {
        HttpClient http = pages;
        String login = http.send(HttpRequest.newBuilder(URI.create(base() + "/login")).build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(login);
        assertThat(csrf.find()).as("the log-in form's CSRF token in %s", login).isTrue();
        String form = "username=" + user + "&password=" + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8) + "&_csrf="
                + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
        HttpResponse<String> in = http.send(HttpRequest.newBuilder(URI.create(base() + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(in.headers().firstValue("Location").orElse("")).as("logged in").endsWith("/console");
        HttpResponse<Stream<String>> sse = http.sendAsync(HttpRequest.newBuilder(URI.create(base() + "/console/stores/" + store + "/events"))
                .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofLines()).get(10, TimeUnit.SECONDS);
        assertThat(sse.statusCode()).isEqualTo(200);
        CompletableFuture.runAsync(() -> sse.body().filter(l -> l.startsWith("data:")).forEach(events::add));
    }
}
