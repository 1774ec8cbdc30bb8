package dev.kassa.connector.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kassa.common.testing.Browser;
import dev.kassa.common.testing.Http;
import dev.kassa.connector.ShipFromStoreTest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

/**
 * The store console in a real browser (Debian's chromium and chromium-driver, headless): Göteborg's staff
 * log in, see a web order come in with its countdown and lines, accept it, see it move to the pick list
 * when it is in the till, mark it shipped with carrier and tracking, and see it shipped; Stockholm's staff
 * cannot open Göteborg's pages or its offer, nor post to it; head office sees every store and the webhook
 * inbox. Screenshots of the main pages go to {@code target/screenshots}.
 */
class ConsoleBrowserTest extends ShipFromStoreTest {

    private static final String EAN = "7350000010015";
    private static WebDriver browser;

    @BeforeAll
    static void startBrowser() {
        browser = Browser.start();
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    private WebDriverWait waiting() {
        return new WebDriverWait(browser, Duration.ofSeconds(15));
    }

    private void screenshot(String name) {
        Browser.screenshot(browser, name);
    }

    private void logIn(String user) throws Exception {
        // leave the last page first (its live connection must not race the log-out), for a page of the same site:
        // cookies are deleted for the site of the page the browser is on
        browser.get(base() + "/login");
        browser.manage().deleteAllCookies();
        browser.get(base() + "/console");
        waiting().until(ExpectedConditions.urlContains("/login"));
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        if (user.equals("anna")) {
            screenshot("login");
        }
        browser.findElement(By.id("login")).click();
        try {
            waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("user")));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("not logged in as " + user + ": at " + browser.getCurrentUrl() + "\n" + browser.getPageSource(), e);
        }
    }

    /** The status the error page shows (its page source when it is some other page). */
    private String status() {
        var found = browser.findElements(By.id("status"));
        return found.isEmpty() ? browser.getPageSource() : found.getFirst().getText();
    }

    @Test
    void staffDecideAndShipAWebOrderInTheirStoreOnly() throws Exception {
        long order = placeWebOrder(EAN, 1, 3);
        receive(order, "create");
        long id = offerOf(GOTEBORG_KEY, "goteborg", order).get("id").asLong();

        // a wrong password is refused
        browser.manage().deleteAllCookies();
        browser.get(base() + "/login");
        browser.findElement(By.id("username")).sendKeys("anna");
        browser.findElement(By.id("password")).sendKeys("not-the-password");
        browser.findElement(By.id("login")).click();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("login-error")));

        logIn("anna");
        assertThat(browser.getCurrentUrl()).endsWith("/console/stores/goteborg");
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("accept-" + id)));
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("offer-" + id), EAN));
        String countdown = browser.findElement(By.cssSelector("#offer-" + id + " .countdown")).getText();
        assertThat(countdown).as("a live countdown to the deadline").contains("left");
        assertThat(browser.findElement(By.id("offer-" + id)).getText()).contains("covered");
        Object linesHtml = ((JavascriptExecutor) browser).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch('/console/stores/goteborg/offers/%d/lines').then(r => r.text()).then(done);""".formatted(id));
        assertThat((String) linesHtml).as("the item's image from Centra").contains("https://media.nordvik.example/");
        screenshot("store-incoming");

        // a reject without a reason is not sent (the field is required), so the offer stays
        browser.findElement(By.id("accept-" + id)).click();
        waiting().until(ExpectedConditions.alertIsPresent()).accept(); // accepting cannot be undone: the console asks first
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("pack-" + id)));
        worker.workAll();
        assertThat(offerOf(GOTEBORG_KEY, "goteborg", order).get("state").asString()).isEqualTo("in_till");
        // the page learns it by server-sent event and shows the pick list with "Mark shipped"
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("shipped-" + id)));
        screenshot("store-to-pack");

        browser.findElement(By.id("carrier-" + id)).sendKeys("PostNord");
        browser.findElement(By.id("tracking-" + id)).sendKeys("PN123456789SE");
        browser.findElement(By.id("shipped-" + id)).click();
        waiting().until(ExpectedConditions.alertIsPresent()).accept();
        waiting().until(ExpectedConditions.invisibilityOfElementLocated(By.id("shipped-" + id)));
        worker.workAll();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("done-" + id), "shipped"));
        JsonNode shipment = centraOrder(order).get("shipments").get(0);
        assertThat(shipment.get("carrier").asString()).isEqualTo("PostNord");
        assertThat(shipment.get("trackingId").asString()).isEqualTo("PN123456789SE");

        browser.get(base() + "/console/stores/goteborg/offers/" + id);
        assertThat(browser.findElement(By.id("state")).getText()).isEqualTo("shipped");
        assertThat(browser.findElement(By.id("transitions")).getText()).contains("anna (staff)", "in the till", "PostNord");
        screenshot("offer-history");

        // Stockholm's staff: not Göteborg's pages, not Göteborg's offer under their own store, not a post to it
        logIn("sven");
        assertThat(browser.getCurrentUrl()).endsWith("/console/stores/stockholm");
        browser.get(base() + "/console/stores/goteborg");
        assertThat(status()).isEqualTo("403");
        browser.get(base() + "/console/stores/stockholm/offers/" + id);
        assertThat(status()).isEqualTo("404");
        browser.get(base() + "/console/stores/stockholm");
        Object status = ((JavascriptExecutor) browser).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const token = document.querySelector('meta[name="csrf-token"]').content;
                const header = document.querySelector('meta[name="csrf-header"]').content;
                fetch('/console/stores/goteborg/offers/%d/accept', {method: 'POST', headers: {[header]: token}})
                    .then(r => done(r.status));""".formatted(id));
        assertThat(((Number) status).intValue()).isEqualTo(403);
        Object rejectOther = ((JavascriptExecutor) browser).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const token = document.querySelector('meta[name="csrf-token"]').content;
                const header = document.querySelector('meta[name="csrf-header"]').content;
                fetch('/console/stores/stockholm/offers/%d/reject', {method: 'POST', headers: {[header]: token}})
                    .then(r => r.text().then(t => done(r.status + ' ' + t)));""".formatted(id));
        assertThat((String) rejectOther).as("Göteborg's offer under Stockholm's path, even without a reason")
                .startsWith("404").doesNotContain(Long.toString(order));
        Object noToken = ((JavascriptExecutor) browser).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch('/console/stores/stockholm/offers/%d/accept', {method: 'POST'}).then(r => done(r.status));""".formatted(id));
        assertThat(((Number) noToken).intValue()).as("no CSRF token").isEqualTo(403);
        browser.get(base() + "/console/office");
        assertThat(status()).as("head office's page").isEqualTo("403");

        // head office sees every store and the webhook inbox
        logIn("office");
        assertThat(browser.getCurrentUrl()).endsWith("/console/office");
        assertThat(browser.findElement(By.id("stores")).getText()).contains("Store Stockholm", "Store Göteborg", "Store Berlin");
        assertThat(browser.findElement(By.id("webhooks")).getText()).contains("check_first create");
        assertThat(browser.findElement(By.id("stock")).getText()).contains("Store Göteborg");
        assertThat(browser.findElement(By.id("catalogue")).isDisplayed()).isTrue();
        assertThat(browser.findElement(By.id("rate-limited")).getText()).matches("\\d+");
        // a catalogue sync under way shows its progress (this context's syncs are off: its row is written as a sync writes it)
        jdbc.sql("insert into connector_catalogue_sync (country, state, started_at_ms, pages, items_seen, items_changed) values ('zz', 'running', ?, 2, 10, 3)")
                .param(clock.millis()).update();
        try {
            browser.navigate().refresh();
            assertThat(browser.findElements(By.cssSelector("#catalogue progress"))).hasSize(1);
            assertThat(browser.findElement(By.id("catalogue")).getText()).contains("running", "2 pages, 10 items seen, 3 changed");
        } finally {
            jdbc.sql("delete from connector_catalogue_sync where country = 'zz'").update();
        }
        screenshot("office");
        Object replay = ((JavascriptExecutor) browser).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const token = document.querySelector('meta[name="csrf-token"]').content;
                const header = document.querySelector('meta[name="csrf-header"]').content;
                fetch('/console/office/stores/goteborg/replay', {method: 'POST', headers: {[header]: token}, redirect: 'manual'})
                    .then(r => done(r.type === 'opaqueredirect' ? 302 : r.status));""");
        assertThat(((Number) replay).intValue()).as("head office may replay a store's dead letters").isEqualTo(302);

        // a barcode typed as a quantity, stored before the intake checked it: head office discards it after a second thought
        long at = clock.millis();
        jdbc.sql("insert into connector_pos_transaction (transaction_id, store_id, kind, document, occurred_at_ms, received_at_ms)"
                + " values ('1.9.9.9', 'stockholm', 'Sale', '{}', ?, ?)").params(at, at).update();
        jdbc.sql("insert into connector_pos_line (transaction_id, line_number, item_id, quantity, store_id, kind, occurred_at_ms,"
                + " received_at_ms, state, detail, settled_at_ms) values ('1.9.9.9', 1, 'LS100-WH-S', 6438152004017, 'stockholm', 'Sale',"
                + " ?, ?, 'dead', 'a barcode typed as a quantity?', ?)").params(at, at, at).update();
        browser.navigate().refresh();
        assertThat(browser.findElement(By.id("dead-letters")).getText()).contains("1.9.9.9", "a barcode typed as a quantity?");
        browser.findElement(By.id("discard-1.9.9.9-1")).click();
        browser.switchTo().alert().accept(); // "Discard this line for good?"
        assertThat(browser.getCurrentUrl()).endsWith("/console/office");
        assertThat(jdbc.sql("select state from connector_pos_line where transaction_id = '1.9.9.9'").query(String.class).single())
                .isEqualTo("discarded");
        assertThat(browser.findElements(By.id("discard-1.9.9.9-1"))).isEmpty();
    }

    @Test
    void withoutALogInTheConsoleAndItsActionsAreClosed() {
        Http.Response page = Http.send("GET", base() + "/console/stores/goteborg", Map.of(), null);
        assertThat(page.status()).as("redirected to the log-in").isEqualTo(302);
        Http.Response post = Http.send("POST", base() + "/console/stores/goteborg/offers/1/accept", Map.of(), null);
        assertThat(post.status()).isIn(302, 403);
    }
}
