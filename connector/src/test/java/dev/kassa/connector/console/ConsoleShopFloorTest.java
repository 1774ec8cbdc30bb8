package dev.kassa.connector.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kassa.common.testing.Browser;
import dev.kassa.common.testing.Http;
import dev.kassa.connector.ShipFromStoreTest;
import dev.kassa.connector.StockTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The store console on a busy shop floor (issue 16), in Chromium: what a clerk types survives every live
 * update, nothing irreversible happens without a second thought, the countdown ends when this shop loses
 * the order, and every page fits a phone, a tablet and a desktop without scrolling sideways.
 */
@org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
class ConsoleShopFloorTest extends ShipFromStoreTest {

    /** An item of this class alone, with plenty of stock at Göteborg. */
    private static final String EAN = StockTest.item(1011).ean();
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

    @BeforeEach
    void desktop() {
        browser.manage().window().setSize(new Dimension(1200, 1000));
        CENTRA.setPhysical("goteborg", EAN, 1000);
    }

    private WebDriverWait waiting() {
        return new WebDriverWait(browser, Duration.ofSeconds(15));
    }

    private Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    private void logIn(String user) {
        // leave the last page first (its live connection must not race the log-out), for a page of the same site:
        // cookies are deleted for the site of the page the browser is on
        browser.get(base() + "/login");
        browser.manage().deleteAllCookies();
        browser.get(base() + "/login");
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.findElement(By.id("login")).click();
        try {
            waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("user")));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("not logged in as " + user + ": at " + browser.getCurrentUrl() + "\n" + browser.getPageSource(), e);
        }
    }

    /** A web order offered to Göteborg, its create processed; Göteborg's offer id. */
    private long offered() {
        long order = placeWebOrder(EAN, 1, 3);
        receive(order, "create");
        return offerOf(GOTEBORG_KEY, "goteborg", order).get("id").asLong();
    }

    /** A web order Göteborg accepted (through the store API), now in its till; the offer id. */
    private long inTill() {
        long id = offered();
        assertThat(storeCall(GOTEBORG_KEY, "/api/stores/goteborg/offers/" + id + "/accept", "{}").status()).isEqualTo(200);
        worker.workAll();
        return id;
    }

    private String state(long id) {
        return Http.send("GET", base() + "/api/stores/goteborg/offers/" + id, Map.of("Authorization", "Bearer " + GOTEBORG_KEY), null)
                .json().get("state").asString();
    }

    /** Reloads the list as the page's periodic refresh does, and waits until the new list has settled. */
    private void refreshLikeThePage() {
        ((JavascriptExecutor) browser).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                document.body.addEventListener('htmx:afterSettle', () => done(), {once: true});
                htmx.ajax('GET', '/console/stores/goteborg/offers', {target: '#offers'});""");
    }

    @Test
    void whatTheClerkTypesSurvivesNewOrdersAndTheRefresh() {
        long packing = inTill();
        long first = offered();
        logIn("anna");
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("reason-" + first)));
        browser.findElement(By.id("carrier-" + packing)).sendKeys("PostNord");
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("reason-code-" + first))).selectByValue("other");
        browser.findElement(By.id("reason-" + first)).sendKeys("The last one is dam");

        // a new order arrives: the page learns it by server-sent event and reloads the list
        long second = offered();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("offer-" + second)));
        assertThat(browser.findElement(By.id("reason-" + first)).getAttribute("value")).isEqualTo("The last one is dam");
        assertThat(js("return document.activeElement.id")).as("the clerk keeps typing where they were").isEqualTo("reason-" + first);
        assertThat(browser.findElement(By.id("carrier-" + packing)).getAttribute("value")).isEqualTo("PostNord");
        assertThat(browser.findElement(By.id("reason-code-" + first)).getAttribute("value")).isEqualTo("other");

        // and the periodic refresh
        refreshLikeThePage();
        browser.switchTo().activeElement().sendKeys("aged");
        assertThat(browser.findElement(By.id("reason-" + first)).getAttribute("value")).isEqualTo("The last one is damaged");
        assertThat(browser.findElement(By.id("carrier-" + packing)).getAttribute("value")).isEqualTo("PostNord");
    }

    @Test
    void markShippedNeedsTrackingOrASayThatThereIsNoneAndAsksFirst() {
        long id = inTill();
        logIn("anna");
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("shipped-" + id)));

        // empty carrier and tracking: the form is not sent
        browser.findElement(By.id("shipped-" + id)).click();
        assertThat((Boolean) js("return document.getElementById('tracking-' + arguments[0]).validity.valueMissing", id)).isTrue();
        assertThat(state(id)).isEqualTo("in_till");

        // handed over in the shop: no tracking, but the console asks before it ships
        browser.findElement(By.id("no-tracking-" + id)).click();
        browser.findElement(By.id("shipped-" + id)).click();
        var question = waiting().until(ExpectedConditions.alertIsPresent());
        assertThat(question.getText()).contains("cannot be undone");
        question.dismiss();
        assertThat(state(id)).as("the clerk had second thoughts").isEqualTo("in_till");
        browser.findElement(By.id("shipped-" + id)).click();
        waiting().until(ExpectedConditions.alertIsPresent()).accept();
        waiting().until(ExpectedConditions.invisibilityOfElementLocated(By.id("shipped-" + id)));
        assertThat(state(id)).isIn("shipping", "shipped");

        // the connector says so too, whatever a page sends: no carrier or tracking without "no tracking" is refused
        long other = inTill();
        browser.navigate().refresh();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("shipped-" + other)));
        Object answer = ((JavascriptExecutor) browser).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const token = document.querySelector('meta[name="csrf-token"]').content;
                const header = document.querySelector('meta[name="csrf-header"]').content;
                fetch('/console/stores/goteborg/offers/' + arguments[0] + '/shipped', {method: 'POST',
                    headers: {[header]: token, 'HX-Request': 'true'}}).then(r => r.text()).then(done);""", other);
        assertThat((String) answer).contains("Carrier and tracking number are required");
        assertThat(state(other)).isEqualTo("in_till");
        assertThat(storeCall(GOTEBORG_KEY, "/api/stores/goteborg/offers/" + other + "/shipped", "{\"carrier\": \"PostNord\"}").status())
                .as("the store API too").isEqualTo(409);
    }

    @Test
    void theCountdownEndsWhenTheConnectorRejectsNotAtCentrasDeadline() {
        long id = offered();
        logIn("anna");
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#offer-" + id + " .countdown")));
        long deadline = Instant.parse(Http.send("GET", base() + "/api/stores/goteborg/offers/" + id,
                Map.of("Authorization", "Bearer " + GOTEBORG_KEY), null).json().get("deadline").asString()).toEpochMilli();
        long countsTo = Long.parseLong(browser.findElement(By.cssSelector("#offer-" + id + " .countdown")).getAttribute("data-deadline"));
        assertThat(countsTo).as("the reject margin (120 s) before Centra's deadline").isEqualTo(deadline - 120_000);
        assertThat(browser.findElement(By.id("offer-" + id)).getText()).contains("Decide by", "this shop loses the order");
    }

    @Test
    void theCardSaysWhoWhereAndWorthAndSearchFindsIt() {
        long first = offered();
        long second = offered();
        logIn("anna");
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("offer-" + first), EAN));
        assertThat(browser.findElement(By.id("offer-" + first)).getText()).contains("Eva Lind", "Storgatan 2", "Göteborg", "Value:",
                "eva@example.com");
        long order = Long.parseLong(browser.findElement(By.cssSelector("#offer-" + second + " h3 a")).getText().replace("Order ", ""));
        browser.findElement(By.id("search")).sendKeys(Long.toString(order));
        assertThat(browser.findElement(By.id("offer-" + second)).isDisplayed()).isTrue();
        assertThat(browser.findElement(By.id("offer-" + first)).isDisplayed()).as("another order is hidden").isFalse();
        refreshLikeThePage();
        assertThat(browser.findElement(By.id("offer-" + first)).isDisplayed()).as("and stays hidden after a refresh").isFalse();
    }

    @Test
    void anAcceptCentraRefusesShowsWhyOnTheCardAndAcceptIsNotTheObviousButtonWhenStockIsShort() {
        String scarce = StockTest.item(1012).ean();
        CENTRA.setPhysical("goteborg", scarce, 1);
        long order = placeWebOrder(scarce, 1, 3);
        receive(order, "create");
        long id = offerOf(GOTEBORG_KEY, "goteborg", order).get("id").asLong();
        CENTRA.setPhysical("goteborg", scarce, 0); // sold at the till meanwhile
        logIn("anna");
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("offer-" + id), "Not every line is in stock here"));
        waiting().until(d -> !d.findElement(By.id("accept-" + id)).getAttribute("class").contains("primary"));

        browser.findElement(By.id("accept-" + id)).click();
        waiting().until(ExpectedConditions.alertIsPresent()).accept();
        waiting().until(d -> !state(id).equals("offered")); // the page's call has arrived
        worker.workAll();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("failed-" + id)));
        assertThat(browser.findElement(By.id("failed-" + id)).getText()).contains("failed to allocate stock");
        assertThat(browser.findElement(By.id("done-" + id)).getText()).contains("went wrong", "failed to allocate stock");
    }

    @Test
    void aPageThatDoesNotExistIsA404WithoutAStackTraceInTheLog(org.springframework.boot.test.system.CapturedOutput output) {
        int before = output.getAll().length();
        for (String path : List.of("/no-such-page", "/console/no-such-page", "/assets/nothing.js", "/api/nothing")) {
            assertThat(Http.send("GET", base() + path, Map.of(), null).status()).as(path).isIn(302, 401, 404);
        }
        for (String url : List.of(CENTRA.base() + "/no-such-page", CENTRA.base() + "/api/no-such-api/orders", TILL + "/no-such-page",
                TILL + "/till/999", TILL + "/api/order/no-such-order")) {
            assertThat(Http.send("GET", url, Map.of(), null).status()).as(url).isBetween(300, 499);
        }
        logIn("anna");
        browser.get(base() + "/console/no-such-page");
        assertThat(browser.getPageSource()).contains("404");
        String logged = output.getAll().substring(before);
        assertThat(logged).as("what the log says about those 404s").doesNotContain("Exception", "\tat ");
    }

    @Test
    void aNewOrderAndOneAboutToBeLostAreAnnouncedUnlessTheClerkSwitchesItOff() {
        long first = offered();
        logIn("anna");
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("offer-" + first)));
        js("localStorage.removeItem('kassa.alerts'); window.kassaAlerts = [];");
        long second = offered();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("offer-" + second)));
        waiting().until(d -> js("return window.kassaAlerts.join(',')").toString().contains("new"));

        // the clerk switches them off, and it stays off after a reload
        browser.findElement(By.id("alerts")).click();
        assertThat(browser.findElement(By.id("alerts")).getText()).endsWith("off");
        browser.navigate().refresh();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("offer-" + second)));
        assertThat(browser.findElement(By.id("alerts")).getText()).endsWith("off");
        js("window.kassaAlerts = [];");
        long third = offered();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("offer-" + third)));
        assertThat(js("return window.kassaAlerts.length")).isEqualTo(0L);

        // on again: five minutes before this shop loses an order, it says so once
        browser.findElement(By.id("alerts")).click();
        js("document.querySelector('#offer-' + arguments[0] + ' .countdown').dataset.deadline = String(Date.now() + 200000);", third);
        waiting().until(d -> js("return window.kassaAlerts.join(',')").toString().contains("soon"));
    }

    @Test
    void thePackingSlipCarriesAScannableOrderNumberAndWhatToPack() throws Exception {
        long id = inTill();
        long order = Http.send("GET", base() + "/api/stores/goteborg/offers/" + id, Map.of("Authorization", "Bearer " + GOTEBORG_KEY), null)
                .json().get("order").asLong();
        logIn("anna");
        browser.get(base() + "/console/stores/goteborg/offers/" + id);
        browser.findElement(By.id("slip")).click();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#barcode svg")));
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("Order " + order, "Store Göteborg", "Eva Lind",
                "Storgatan 2", EAN);
        Browser.screenshot(browser, "packing-slip");
        docs("packing-slip");

        // what a scanner at the packing table reads: ZXing decodes the barcode from the browser's own picture of it
        byte[] png = browser.findElement(By.id("barcode")).getScreenshotAs(org.openqa.selenium.OutputType.BYTES);
        java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(png));
        com.google.zxing.Result read = new com.google.zxing.MultiFormatReader().decode(new com.google.zxing.BinaryBitmap(
                new com.google.zxing.common.HybridBinarizer(new com.google.zxing.client.j2se.BufferedImageLuminanceSource(image))),
                Map.of(com.google.zxing.DecodeHintType.POSSIBLE_FORMATS, List.of(com.google.zxing.BarcodeFormat.CODE_128)));
        assertThat(read.getText()).isEqualTo(Long.toString(order));
        assertThat(read.getBarcodeFormat()).isEqualTo(com.google.zxing.BarcodeFormat.CODE_128);
    }

    @Test
    void aRejectReasonIsPickedFromAListAndHeadOfficeSeesIt() {
        long id = offered();
        logIn("anna");
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("reason-code-" + id)));
        browser.findElement(By.id("reject-" + id)).click();
        assertThat((Boolean) js("return document.getElementById('reason-code-' + arguments[0]).validity.valueMissing", id))
                .as("no reason picked: nothing is sent").isTrue();
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("reason-code-" + id))).selectByValue("damaged");
        browser.findElement(By.id("reason-" + id)).sendKeys("a tear in the sleeve");
        browser.findElement(By.id("reject-" + id)).click();
        waiting().until(ExpectedConditions.alertIsPresent()).accept();
        waiting().until(ExpectedConditions.invisibilityOfElementLocated(By.id("offer-" + id)));
        worker.workAll();
        assertThat(state(id)).isIn("rejecting", "rejected");

        logIn("office");
        assertThat(browser.findElement(By.id("rejections")).getText()).contains("Store Göteborg", "damaged: a tear in the sleeve", "anna");
    }

    @Test
    void whatHappensAtTheTillShowsInTheOpenConsoleWithinASecondOrTwo() {
        long id = inTill();
        String tillOrder = jdbc.sql("select centara_order_id from connector_offer where offer_id = ?").param(id).query(String.class).single();
        logIn("anna");
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("pack-state-" + id)));
        // the page is open: its till orders are looked at every second, not every 30 s
        waiting().until(d -> jdbc.sql("select next_attempt_at_ms from connector_offer where offer_id = ?").param(id)
                .query(Long.class).single() <= clock.millis() + 1000);

        assertThat(Http.send("POST", TILL + "/sandbox/orders/" + tillOrder + "/ready", TILL_ADMIN, null).status()).isEqualTo(200);
        advance(Duration.ofSeconds(2));
        worker.workAll();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("pack-state-" + id), "ready for pickup"));

        assertThat(Http.send("POST", TILL + "/sandbox/orders/" + tillOrder + "/close", TILL_ADMIN, null).status()).isEqualTo(200);
        advance(Duration.ofSeconds(2));
        worker.workAll();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("done-" + id), "shipped"));
    }

    @org.springframework.beans.factory.annotation.Autowired
    dev.kassa.connector.stock.StockWriter writer;
    @org.springframework.beans.factory.annotation.Autowired
    dev.kassa.connector.catalogue.CatalogueSync catalogue;

    @Test
    void notInStockSetsTheShopsStockOfTheItemsToZeroSoTheWebShopStopsOfferingThem() {
        if (jdbc.sql("select count(*) from connector_catalogue_item").query(Integer.class).single() == 0) {
            assertThat(catalogue.sync("se", false).ran()).isTrue();
        }
        String missing = StockTest.item(1013).ean();
        CENTRA.setPhysical("goteborg", missing, 5);
        long order = placeWebOrder(missing, 1, 3);
        receive(order, "create");
        long id = offerOf(GOTEBORG_KEY, "goteborg", order).get("id").asLong();
        logIn("anna");
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("reason-code-" + id)));
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("reason-code-" + id))).selectByValue("not-in-stock");
        browser.findElement(By.id("reject-" + id)).click();
        waiting().until(ExpectedConditions.alertIsPresent()).accept();
        waiting().until(ExpectedConditions.invisibilityOfElementLocated(By.id("offer-" + id)));

        assertThat(jdbc.sql("select quantity from connector_pos_line where transaction_id = ?").param("kassa-not-in-stock-" + id)
                .query(java.math.BigDecimal.class).list()).as("a count of 0 for the order's item").containsExactly(java.math.BigDecimal.ZERO.setScale(4));
        while (writer.cycle("goteborg")) {
            // the stock writer applies it like a till's count
        }
        assertThat(CENTRA.physical("goteborg", missing)).isZero();
    }

    @Test
    void headOfficeSeesWhatNeedsAttentionAcrossStoresFilteredByStoreKindStateAndDate() {
        long id = inTill();
        long order = jdbc.sql("select order_number from connector_offer where offer_id = ?").param(id).query(Long.class).single();
        // accepted a day and more ago (so: on an earlier day), and still not shipped
        jdbc.sql("update connector_offer set updated_at_ms = ? where offer_id = ?").params(clock.millis() - 25 * 3_600_000L, id).update();
        // a till line that can never apply (half a shirt) is a dead letter at once, today
        String tx = "attention-" + clock.millis();
        String now = Instant.ofEpochMilli(clock.millis()).toString();
        Http.Response sale = Http.send("POST", base() + "/api/pos/transactions", Map.of("Authorization", "Bearer " + GOTEBORG_KEY, "Content-Type",
                "application/json"), """
                {"TransactionId": "%s", "Type": "Sale", "StoreId": 2, "Pos": 1, "ZNumber": 1, "ReceiptNumber": 1, "Timestamp": "%s",
                 "Lines": [{"LineNumber": 1, "ItemId": "%s", "Quantity": 0.5, "UnitPrice": 599, "Amount": 299.5}],
                 "Payments": [{"TenderCode": 2, "Amount": 299.5}], "Total": 299.5}""".formatted(tx, now, StockTest.item(1011).itemId()));
        assertThat(sale.status()).as(sale.body()).isEqualTo(200);
        // a clamp the stock writer recorded at Stockholm today
        jdbc.sql("insert into connector_stock_discrepancy (store_id, item_id, kind, wanted, stored, at_ms) values ('stockholm', 'ATT-CLAMP-1', 'clamped', 0, 2, ?)")
                .param(clock.millis()).update();
        try {
            logIn("office");
            String all = browser.findElement(By.id("attention")).getText();
            assertThat(all).contains(Long.toString(order), "not shipped yet", "Ask the store to ship it", tx, "Store Göteborg",
                    "ATT-CLAMP-1", "Store Stockholm", "set to 2, not 0", "Count the item at the till");
            assertThat(browser.findElement(By.id("webhooks")).getText()).as("the inbox names each event's store").contains("Store Göteborg");
            assertThat(browser.findElement(By.id("all-offers")).getText()).as("the offers of every store").contains(Long.toString(order));

            // by store, with the form
            new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("filter-store"))).selectByValue("stockholm");
            browser.findElement(By.id("filter-show")).click();
            waiting().until(ExpectedConditions.urlContains("store=stockholm"));
            assertThat(browser.findElement(By.id("attention")).getText()).contains("ATT-CLAMP-1").doesNotContain(tx, Long.toString(order));
            assertThat(browser.findElement(By.tagName("main")).getText()).doesNotContain("not shipped yet");

            // by kind: only dead letters, of every store (the offers' list stands aside)
            browser.get(base() + "/console/office?kind=dead-letter");
            assertThat(browser.findElement(By.id("attention")).getText()).contains(tx, "replay the store", "0.5").doesNotContain("ATT-CLAMP-1");
            assertThat(browser.findElements(By.id("all-offers"))).isEmpty();

            // by date, in head office's zone: from today leaves out the offer accepted on an earlier day; to yesterday the rest
            java.time.LocalDate today = Instant.ofEpochMilli(clock.millis()).atZone(java.time.ZoneId.of("Europe/Stockholm")).toLocalDate();
            browser.get(base() + "/console/office?from=" + today);
            assertThat(browser.findElement(By.id("attention")).getText()).contains(tx, "ATT-CLAMP-1").doesNotContain("not shipped yet");
            browser.get(base() + "/console/office?to=" + today.minusDays(1));
            assertThat(browser.findElement(By.id("attention")).getText()).contains("not shipped yet").doesNotContain(tx, "ATT-CLAMP-1");

            // the offers of every store by state
            browser.get(base() + "/console/office?state=in_till");
            assertThat(browser.findElement(By.id("all-offers")).getText()).contains(Long.toString(order), "in the till");
            browser.get(base() + "/console/office?state=shipped&store=goteborg");
            assertThat(browser.findElement(By.tagName("main")).getText()).doesNotContain(Long.toString(order) + "\n");
            assertThat(browser.findElements(By.id("all-" + id))).isEmpty();

            // a date that is not one says so, and the rest of the filter still works
            browser.get(base() + "/console/office?from=2026-13-45&kind=clamped");
            assertThat(browser.findElement(By.tagName("main")).getText()).contains("From: not a date");
            assertThat(browser.findElement(By.id("attention")).getText()).contains("ATT-CLAMP-1").doesNotContain(tx);
            Browser.screenshot(browser, "office-filtered");
        } finally {
            jdbc.sql("update connector_pos_line set state = 'discarded' where transaction_id = ?").param(tx).update();
            jdbc.sql("delete from connector_stock_discrepancy where item_id = 'ATT-CLAMP-1'").update();
        }
    }

    @Test
    void aSwedishUserSeesSwedishAndAnyoneCanSwitchLanguage() {
        long id = offered();
        logIn("karin"); // Göteborg's staff, Swedish by configuration, in a browser that asks for English
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("offer-" + id), EAN));
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("sv");
        String page = browser.findElement(By.tagName("body")).getText();
        assertThat(page).contains("Inkommande webbordrar", "Acceptera", "Avböj", "Besluta senast", "Att packa och skicka",
                "Tider i centraleuropeisk tid (Europe/Stockholm)", "Logga ut").doesNotContain("Incoming web orders");
        waiting().until(d -> d.findElement(By.cssSelector("#offer-" + id + " .countdown")).getText().endsWith("kvar"));
        // dates and times as Swedish writes them, in the shop's zone
        long losesAt = jdbc.sql("select deadline_ms from connector_offer where offer_id = ?").param(id).query(Long.class).single()
                - Duration.ofSeconds(120).toMillis();
        String swedish = java.time.format.DateTimeFormatter.ofLocalizedDateTime(java.time.format.FormatStyle.MEDIUM,
                java.time.format.FormatStyle.SHORT).withLocale(java.util.Locale.of("sv", "SE")).format(Instant.ofEpochMilli(losesAt)
                .atZone(java.time.ZoneId.of("Europe/Stockholm")));
        assertThat(browser.findElement(By.cssSelector("#offer-" + id + " .loses")).getText()).contains("Besluta senast " + swedish);
        Browser.screenshot(browser, "store-sv");
        docs("store-sv");

        // switching holds for the rest of the session, on every page
        browser.findElement(By.id("lang-de")).click();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("offers"), "Eingehende Webbestellungen"));
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("de");
        browser.get(base() + "/console/stores/goteborg/offers/" + id);
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("Bestellung", "wartet auf Ihre Entscheidung", "Verlauf");
        // German words are longer: still no sideways scrolling on a phone
        browser.manage().window().setSize(new Dimension(390, 844));
        browser.get(base() + "/console/stores/goteborg");
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("offers"), "Eingehende Webbestellungen"));
        fits("store-de", new Dimension(390, 844));
        logIn("office");
        browser.get(base() + "/console/office?lang=de");
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("Braucht Aufmerksamkeit", "Filialen");
        fits("office-de", new Dimension(390, 844));
        browser.manage().window().setSize(new Dimension(1200, 1000));

        // someone else in this browser, with no language of their own: the browser's (English here)
        logIn("anna");
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("offers"), "Incoming web orders"));
        // before the log-in, the browser's language decides, when the console speaks it; otherwise English
        assertThat(Http.send("GET", base() + "/login", Map.of("Accept-Language", "sv-SE,sv;q=0.9,en;q=0.5"), null).body()).contains("Logga in", "Användarnamn");
        assertThat(Http.send("GET", base() + "/login", Map.of("Accept-Language", "fr-FR,de;q=0.8"), null).body()).contains("Anmelden");
        assertThat(Http.send("GET", base() + "/login", Map.of("Accept-Language", "fr-FR"), null).body()).contains("User name");
        assertThat(Http.send("GET", base() + "/login?lang=xx", Map.of(), null).status()).as("an unknown language is no error").isEqualTo(200);
    }

    @Test
    void eachProgramsFrontDoorLeadsToItsPage() {
        Http.Response connector = Http.send("GET", base() + "/", Map.of(), null);
        assertThat(connector.status()).isEqualTo(302);
        assertThat(connector.header("Location")).endsWith("/console");
        browser.manage().deleteAllCookies();
        browser.get(base() + "/");
        assertThat(browser.getCurrentUrl()).as("and on to the log-in").endsWith("/login");
        Http.Response centra = Http.send("GET", CENTRA.base() + "/", Map.of(), null);
        assertThat(centra.status()).isEqualTo(302);
        assertThat(centra.header("Location")).endsWith("/shop");
        Http.Response till = Http.send("GET", TILL + "/", Map.of(), null);
        assertThat(till.status()).isEqualTo(302);
        assertThat(till.header("Location")).endsWith("/till");
    }

    @Test
    void everyPageFitsEveryWidthWithoutScrollingSideways() {
        inTill();
        long incoming = offered();
        logIn("anna");
        for (Dimension size : List.of(new Dimension(390, 844), new Dimension(768, 1024), new Dimension(1024, 768),
                new Dimension(1440, 900))) {
            browser.manage().window().setSize(size);
            browser.get(base() + "/console/stores/goteborg");
            waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("offer-" + incoming), EAN));
            fits("store", size);
            browser.get(base() + "/console/stores/goteborg/offers/" + incoming);
            fits("offer", size);
        }
        logIn("office");
        for (Dimension size : List.of(new Dimension(390, 844), new Dimension(768, 1024), new Dimension(1024, 768),
                new Dimension(1440, 900))) {
            browser.manage().window().setSize(size);
            browser.get(base() + "/console/office");
            fits("office", size);
        }
    }

    /** The README's pictures of the console: made here, by the browser, on every run (docs/screenshots). */
    private static void docs(String name) {
        try {
            java.nio.file.Path dir = java.nio.file.Path.of("..", "docs", "screenshots");
            if (java.nio.file.Files.isDirectory(dir.getParent())) {
                java.nio.file.Files.createDirectories(dir);
                java.nio.file.Files.copy(java.nio.file.Path.of("target", "screenshots", name + ".png"), dir.resolve("console-" + name + ".png"),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void fits(String page, Dimension size) {
        long document = ((Number) js("return document.documentElement.scrollWidth")).longValue();
        long window = ((Number) js("return window.innerWidth")).longValue();
        Browser.screenshot(browser, page + "-" + size.getWidth());
        if ((size.getWidth() == 390 || size.getWidth() == 1440) && List.of("store", "offer", "office").contains(page)) {
            docs(page + "-" + size.getWidth()); // the README's pictures
        }
        assertThat(document).as("%s at %d px: the page is no wider than the window", page, size.getWidth()).isLessThanOrEqualTo(window);
    }
}
