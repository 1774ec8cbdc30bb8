package dev.kassa.centara.sandbox.pages;

import dev.kassa.centara.sandbox.orders.ExternalOrders;
import dev.kassa.centara.sandbox.orders.StoreActions;
import dev.kassa.centara.sandbox.till.Till;
import dev.kassa.common.sandbox.AdminInputException;
import dev.kassa.common.web.AdminTokenFilter;
import dev.kassa.common.web.SandboxPages;
import jakarta.servlet.http.HttpServletRequest;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The till simulator's pages: per store, the open external orders with their lines and the store's
 * actions, a form to sell or return, and the latest POS transactions with their push state. Browsers log
 * in with HTTP Basic (the admin token as password); every form carries a token derived from it.
 */
@RestController
class TillPages {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Map<Integer, String> STATUS = Map.of(1, "Active, unpaid", 2, "Active, partly paid",
            3, "Active, fully paid", 4, "Closed", 5, "Deleted", 6, "Ready for pickup, unpaid",
            7, "Ready for pickup, partly paid", 8, "Ready for pickup, fully paid", 9, "Deleted (automatically)");

    private final JdbcClient jdbc;
    private final ExternalOrders orders;
    private final StoreActions actions;
    private final Till till;

    private final dev.kassa.common.sandbox.traffic.TrafficPages traffic;

    TillPages(JdbcClient jdbc, ExternalOrders orders, StoreActions actions, Till till,
              dev.kassa.common.sandbox.traffic.TrafficPages traffic) {
        this.traffic = traffic;
        this.jdbc = jdbc;
        this.orders = orders;
        this.actions = actions;
        this.till = till;
    }

    /** The sandbox's front door leads to its page. */
    @GetMapping("/")
    org.springframework.http.ResponseEntity<Void> home() {
        return org.springframework.http.ResponseEntity.status(302).location(java.net.URI.create("/till")).build();
    }

    @GetMapping(path = "/till", produces = MediaType.TEXT_HTML_VALUE)
    String stores(@RequestParam(required = false) String msg, HttpServletRequest request) {
        StringBuilder b = page("Centara sandbox — stores");
        b.append("<h1>Stores</h1>");
        if (msg != null) {
            b.append("<p class=\"msg\" role=\"status\" id=\"msg\">").append(esc(msg)).append("</p>");
        }
        b.append("<ul>");
        jdbc.sql("select store_id, name from centara_store order by store_id").query((rs, n) ->
                b.append("<li><a href=\"/till/").append(rs.getInt(1)).append("\">").append(rs.getInt(1)).append(" ")
                        .append(esc(rs.getString(2))).append("</a></li>")).list();
        b.append("</ul>");
        traffic.section(b, request);
        return b.append("</body></html>").toString();
    }

    @GetMapping(path = "/till/{storeId}", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> store(@PathVariable int storeId, @RequestParam(required = false) String msg,
                                 HttpServletRequest request) {
        Optional<String> name = jdbc.sql("select name from centara_store where store_id = ?").param(storeId)
                .query(String.class).optional();
        if (name.isEmpty()) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.TEXT_HTML)
                    .body(page("Not found").append("<p>No store ").append(storeId).append(".</p>").toString());
        }
        String form = (String) request.getAttribute(AdminTokenFilter.FORM_TOKEN);
        StringBuilder b = page("Till — " + name.get());
        b.append("<p><a href=\"/till\">All stores</a></p><h1>").append(esc(name.get())).append("</h1>");
        if (msg != null) {
            b.append("<p class=\"msg\" role=\"status\">").append(esc(msg)).append("</p>");
        }
        b.append("<h2>Open external orders</h2>");
        List<ExternalOrders.Row> open = orders.ofStore(storeId, true);
        if (open.isEmpty()) {
            b.append("<p id=\"no-orders\">No open orders.</p>");
        }
        for (ExternalOrders.Row row : open) {
            JsonNode o = orders.json(row);
            b.append("<section class=\"order\" id=\"order-").append(esc(row.orderId())).append("\"><h3>")
                    .append(esc(row.reference() == null ? row.orderId() : row.reference())).append("</h3><p>")
                    .append(esc(STATUS.getOrDefault(row.status(), "?"))).append(" · due ")
                    .append(esc(o.path("DueAt").asString("—"))).append(" · paid ").append(row.paid().stripTrailingZeros()
                            .toPlainString()).append(" of ").append(row.due().stripTrailingZeros().toPlainString());
            JsonNode customer = o.get("Customer");
            if (customer != null && !customer.isNull()) {
                b.append(" · customer ").append(esc(customer.path("CustomerId").asString()));
            }
            b.append("</p>");
            if (!o.path("Notes").isNull()) {
                b.append("<p class=\"notes\">").append(esc(o.path("Notes").asString())).append("</p>");
            }
            b.append("<table><tr><th>Item</th><th>Description</th><th>Quantity</th><th>Price</th></tr>");
            for (JsonNode item : o.get("Items")) {
                line(b, item, "");
                for (JsonNode linked : item.path("LinkedItems")) {
                    line(b, linked, "↳ ");
                }
            }
            b.append("</table><div class=\"actions\">");
            for (String action : List.of("ready", "close", "delete")) {
                if (action.equals("ready") && row.status() >= 6) {
                    continue;
                }
                b.append("<form method=\"post\" action=\"/till/").append(storeId).append("/orders/")
                        .append(esc(row.orderId())).append("/").append(action).append("\">")
                        .append("<input type=\"hidden\" name=\"form\" value=\"").append(form).append("\">")
                        .append("<button type=\"submit\" name=\"action\" value=\"").append(action).append("\">")
                        .append(switch (action) {
                            case "ready" -> "Ready for pickup";
                            case "close" -> "Close (collected or shipped)";
                            default -> "Delete";
                        }).append("</button></form>");
            }
            b.append("</div></section>");
        }
        b.append("<h2>Sell or return</h2><form method=\"post\" action=\"/till/").append(storeId).append("/sales\" id=\"sell\">")
                .append("<input type=\"hidden\" name=\"form\" value=\"").append(form).append("\">")
                .append("<label>Item or barcode <input name=\"item\" list=\"items\" required></label> ")
                .append("<label>Quantity <input name=\"quantity\" type=\"number\" step=\"any\" value=\"1\" required></label> ")
                .append("<label>Price <input name=\"price\" type=\"number\" step=\"any\" min=\"0\" required></label> ")
                .append("<label>Tender <select name=\"tender\">");
        jdbc.sql("select tender_code, name from centara_tender order by tender_code").query((rs, n) ->
                b.append("<option value=\"").append(rs.getInt(1)).append("\">").append(rs.getInt(1)).append(" ")
                        .append(esc(rs.getString(2))).append("</option>")).list();
        b.append("</select></label> <button type=\"submit\">Sell</button><datalist id=\"items\">");
        jdbc.sql("select item_id, description from centara_item order by item_id").query((rs, n) ->
                b.append("<option value=\"").append(esc(rs.getString(1))).append("\">").append(esc(rs.getString(2)))
                        .append("</option>")).list();
        b.append("</datalist></form><p>A negative quantity is a return.</p><h2>Latest transactions</h2>")
                .append("<table id=\"transactions\"><tr><th>Id</th><th>Type</th><th>Total</th><th>Pushed</th></tr>");
        jdbc.sql("""
                select document, push_state, push_attempts, last_push_error from centara_pos_transaction
                where store_id = ? order by seq desc fetch first 10 rows only""").param(storeId).query((rs, n) -> {
                    JsonNode t = JSON.readTree(rs.getString(1));
                    return b.append("<tr><td>").append(esc(t.path("TransactionId").asString())).append("</td><td>")
                            .append(esc(t.path("Type").asString())).append("</td><td>")
                            .append(t.has("Total") ? t.get("Total").asString() : "").append("</td><td>")
                            .append(rs.getString(2).equals("delivered") ? "delivered" : rs.getString(2) + ", " + rs.getInt(3)
                                    + " attempt(s)" + (rs.getString(4) == null ? "" : ": " + esc(rs.getString(4))))
                            .append("</td></tr>");
                }).list();
        b.append("</table></body></html>");
        return ResponseEntity.ok().contentType(MediaType.TEXT_HTML).body(b.toString());
    }

    @PostMapping("/till/{storeId}/orders/{orderId}/{action}")
    ResponseEntity<Void> act(@PathVariable int storeId, @PathVariable String orderId, @PathVariable String action,
                             @RequestParam(required = false) String form, HttpServletRequest request) {
        if (!formOk(form, request)) {
            return ResponseEntity.status(HttpStatus.FORBIDDEN).build();
        }
        Optional<ExternalOrders.Row> row = orders.byId(orderId).filter(r -> r.storeId() == storeId);
        if (row.isEmpty()) {
            return back(storeId, "No order " + orderId + " in this store.");
        }
        StoreActions.Action a = StoreActions.Action.of(action).orElse(null);
        if (a == null) {
            return back(storeId, "Unknown action " + action + ".");
        }
        StoreActions.Outcome outcome = actions.act(orderId, a);
        String label = row.get().reference() == null ? orderId : row.get().reference();
        return back(storeId, outcome.refusal() != null ? "Order " + label + ": " + outcome.refusal()
                : "Order " + label + ": " + STATUS.get(outcome.order().orElseThrow().status()) + ".");
    }

    @PostMapping("/till/{storeId}/sales")
    ResponseEntity<Void> sell(@PathVariable int storeId, @RequestParam(required = false) String form,
                              @RequestParam(defaultValue = "") String item, @RequestParam(defaultValue = "") String quantity,
                              @RequestParam(defaultValue = "") String price, @RequestParam(required = false) Integer tender,
                              HttpServletRequest request) {
        if (!formOk(form, request)) {
            return ResponseEntity.status(HttpStatus.FORBIDDEN).build();
        }
        BigDecimal q;
        BigDecimal p;
        try {
            q = new BigDecimal(quantity.trim());
            p = new BigDecimal(price.trim());
        } catch (NumberFormatException e) {
            return back(storeId, "Quantity and price must be numbers.");
        }
        String id = item.trim();
        boolean barcode = !id.isEmpty() && id.chars().allMatch(Character::isDigit) && jdbc.sql(
                "select count(*) from centara_barcode where barcode = ?").param(id).query(Integer.class).single() > 0;
        try {
            JsonNode t = till.sell(storeId, new Till.Sale(1, List.of(new Till.Line(barcode ? null : id, barcode ? id : null, q, p)),
                    tender));
            return back(storeId, "Recorded " + t.get("TransactionId").asString() + ", total " + t.get("Total").asString() + ".");
        } catch (AdminInputException e) {
            return back(storeId, "Not recorded: " + String.join("; ", e.errors().stream()
                    .map(f -> f.field() + " " + f.message()).toList()));
        }
    }

    private static boolean formOk(String form, HttpServletRequest request) {
        return SandboxPages.formOk(form, request);
    }

    private static ResponseEntity<Void> back(int storeId, String message) {
        return SandboxPages.back("/till/" + storeId, message);
    }

    private static void line(StringBuilder b, JsonNode item, String prefix) {
        b.append("<tr><td>").append(prefix).append(esc(item.path("ItemId").asString())).append("</td><td>")
                .append(esc(item.path("Description").asString(""))).append("</td><td>")
                .append(item.path("Quantity").asString()).append("</td><td>").append(item.path("Price").asString())
                .append("</td></tr>");
    }

    private static StringBuilder page(String title) {
        return SandboxPages.page(title);
    }

    static String esc(String s) {
        return SandboxPages.esc(s);
    }
}
