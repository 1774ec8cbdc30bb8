package dev.kassa.centra.sandbox.pages;

import static dev.kassa.common.web.SandboxPages.esc;

import dev.kassa.centra.sandbox.faults.Faults;
import dev.kassa.centra.sandbox.shipfromstore.WebOrderPlacement;
import dev.kassa.common.sandbox.AdminInputException;
import dev.kassa.common.sandbox.AdminJson;
import dev.kassa.common.web.SandboxPages;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The Centra sandbox's page ({@code /shop}, HTTP Basic with the admin token as password): place a web
 * order for ship from store as a checkout would (items, country, which shops are offered, the deadline),
 * see the latest orders with where their items are allocated, their offers and shipments, the stock per
 * warehouse and the webhook delivery log, and set the faults.
 */
@RestController
class ShopPages {

    private static final Map<String, String> STATUS = Map.of("1", "pending", "2", "confirmed", "3", "processing",
            "4", "completed", "5", "archived", "6", "cancelled");

    private final JdbcClient jdbc;
    private final WebOrderPlacement placement;
    private final Faults faults;

    private final dev.kassa.common.sandbox.traffic.TrafficPages traffic;

    ShopPages(JdbcClient jdbc, WebOrderPlacement placement, Faults faults, dev.kassa.common.sandbox.traffic.TrafficPages traffic) {
        this.traffic = traffic;
        this.jdbc = jdbc;
        this.placement = placement;
        this.faults = faults;
    }

    record Warehouse(long id, String name, String policy) {
    }

    /** The sandbox's front door leads to its page. */
    @GetMapping("/")
    org.springframework.http.ResponseEntity<Void> home() {
        return org.springframework.http.ResponseEntity.status(302).location(java.net.URI.create("/shop")).build();
    }

    @GetMapping(path = "/shop", produces = MediaType.TEXT_HTML_VALUE)
    String shop(@RequestParam(required = false) String msg, HttpServletRequest request) {
        List<Warehouse> warehouses = jdbc.sql("select id, name, policy from centra_warehouse order by id")
                .query((r, n) -> new Warehouse(r.getLong(1), r.getString(2), r.getString(3))).list();
        StringBuilder b = SandboxPages.page("Centra sandbox — web shop");
        b.append("<h1>Centra sandbox</h1>");
        if (msg != null) {
            b.append("<p class=\"msg\" role=\"status\" id=\"msg\">").append(esc(msg)).append("</p>");
        }
        placeForm(b, warehouses, request);
        orders(b);
        stock(b, warehouses);
        deliveries(b);
        faultsForm(b, request);
        traffic.section(b, request);
        return b.append("</body></html>").toString();
    }

    private void placeForm(StringBuilder b, List<Warehouse> warehouses, HttpServletRequest request) {
        b.append("<h2>Place a web order</h2><form method=\"post\" action=\"/shop/web-orders\" id=\"web-order\">")
                .append(SandboxPages.formField(request))
                .append("<label>Country <select name=\"country\" id=\"country\">");
        jdbc.sql("select code, name from centra_country order by code").query((r, n) -> b.append("<option value=\"")
                .append(esc(r.getString(1))).append("\">").append(esc(r.getString(1) + " " + r.getString(2))).append("</option>")).list();
        b.append("</select></label><label>Item <select name=\"ean\" id=\"ean\">");
        jdbc.sql("""
                select s.ean, p.name, v.name, s.size_name from centra_stock_item s join centra_variant v on v.variant_id = s.variant_id
                join centra_product p on p.product_id = v.product_id where s.ean is not null order by p.product_id, v.position, s.position""")
                .query((r, n) -> b.append("<option value=\"").append(esc(r.getString(1))).append("\">")
                        .append(esc(r.getString(2) + " " + r.getString(3) + " " + r.getString(4) + " — " + r.getString(1)))
                        .append("</option>")).list();
        b.append("</select></label><label>Quantity <input name=\"qty\" id=\"qty\" type=\"number\" min=\"1\" value=\"1\"></label>")
                .append("<fieldset><legend>Offer to these shops (check first); none ticked: every shop whose stock covers the order</legend>");
        for (Warehouse w : warehouses) {
            if (w.policy().equals("check-first")) {
                b.append("<label><input type=\"checkbox\" name=\"offer\" value=\"").append(w.id()).append("\" id=\"offer-")
                        .append(w.id()).append("\"> ").append(esc(w.name())).append("</label>");
            }
        }
        b.append("</fieldset><label>Deadline in minutes (offers and allocation requests) <input name=\"minutes\" id=\"minutes\"")
                .append(" type=\"number\" min=\"1\" value=\"60\"></label>")
                .append("<label>Customer e-mail <input name=\"email\" id=\"email\" value=\"eva@example.com\"></label>")
                .append("<label>Name <input name=\"firstName\" value=\"Eva\"> <input name=\"lastName\" value=\"Lind\"></label>")
                .append("<label>Address <input name=\"address\" value=\"Storgatan 2\"> <input name=\"zipcode\" value=\"41101\">")
                .append(" <input name=\"city\" value=\"Göteborg\"></label>")
                .append("<button type=\"submit\" id=\"place\">Place the web order</button></form>");
    }

    @PostMapping("/shop/web-orders")
    ResponseEntity<Void> place(@RequestParam(required = false) String form, @RequestParam(defaultValue = "") String country,
                               @RequestParam(defaultValue = "") String ean, @RequestParam(defaultValue = "1") String qty,
                               @RequestParam(required = false) List<Long> offer, @RequestParam(defaultValue = "60") String minutes,
                               @RequestParam(required = false) String email, @RequestParam(required = false) String firstName,
                               @RequestParam(required = false) String lastName, @RequestParam(required = false) String address,
                               @RequestParam(required = false) String zipcode, @RequestParam(required = false) String city,
                               HttpServletRequest request) {
        if (!SandboxPages.formOk(form, request)) {
            return ResponseEntity.status(HttpStatus.FORBIDDEN).build();
        }
        int quantity;
        long expiry;
        try {
            quantity = Integer.parseInt(qty.trim());
            expiry = Long.parseLong(minutes.trim()) * 60;
        } catch (NumberFormatException e) {
            return SandboxPages.back("/shop", "Quantity and deadline must be whole numbers.");
        }
        List<WebOrderPlacement.Offer> offers = offer == null || offer.isEmpty() ? null
                : offer.stream().map(w -> new WebOrderPlacement.Offer(w, null)).toList();
        try {
            var placed = placement.place(new WebOrderPlacement.WebOrder(country,
                    new WebOrderPlacement.Customer(email, firstName, lastName, address, null, zipcode, city, null, null),
                    List.of(new WebOrderPlacement.Line(ean, null, quantity)), offers, expiry));
            List<String> to = new ArrayList<>();
            placed.path("offers").forEach(o -> to.add("offered to warehouse " + o.path("warehouse").asString()));
            placed.path("allocationRequests").forEach(a -> to.add("allocation request " + a.path("id").asString()
                    + " to warehouse " + a.path("warehouse").asString()));
            return SandboxPages.back("/shop", "Web order " + placed.path("orderNumber").asString() + " placed"
                    + (to.isEmpty() ? "; no shop was asked" : ": " + String.join(", ", to)) + ".");
        } catch (WebOrderPlacement.Invalid e) {
            return SandboxPages.back("/shop", "Not placed: " + String.join("; ", e.errors().stream()
                    .map(f -> f.field() + " " + f.message()).toList()));
        }
    }

    private void orders(StringBuilder b) {
        b.append("<h2>Latest orders</h2><table id=\"orders\"><tr><th>Order</th><th>Country</th><th>Flow</th><th>Status</th>")
                .append("<th>Allocated in</th><th>Shops asked</th><th>Shipments</th></tr>");
        jdbc.sql("""
                select order_number, country, flow, order_status from centra_order order by order_number desc fetch first 20 rows only""")
                .query((r, n) -> {
                    long number = r.getLong(1);
                    b.append("<tr id=\"order-").append(number).append("\"><td>").append(number).append("</td><td>")
                            .append(esc(r.getString(2))).append("</td><td>").append(esc(r.getString(3))).append("</td><td>")
                            .append(esc(STATUS.getOrDefault(r.getString(4), r.getString(4)))).append("</td><td>");
                    b.append(esc(String.join(", ", jdbc.sql("""
                            select w.name, sum(a.qty) from centra_line_allocation a join centra_order_line l on l.line_id = a.line_id
                            join centra_warehouse w on w.id = a.warehouse_id where l.order_number = ? group by w.name order by w.name""")
                            .param(number).query((x, m) -> x.getString(1) + " " + x.getInt(2)).list())));
                    b.append("</td><td>");
                    List<String> asked = new ArrayList<>(jdbc.sql("""
                            select w.name, o.offer_state from centra_check_first_offer o join centra_warehouse w on w.id = o.warehouse_id
                            where o.order_number = ? order by w.id""").param(number)
                            .query((x, m) -> x.getString(1) + ": " + x.getString(2)).list());
                    asked.addAll(jdbc.sql("""
                            select w.name, r.request_status from centra_allocation_request r join centra_warehouse w on w.id = r.warehouse_id
                            where r.order_number = ? order by r.id""").param(number)
                            .query((x, m) -> x.getString(1) + ": request " + x.getString(2)).list());
                    b.append(esc(String.join(", ", asked))).append("</td><td>");
                    b.append(esc(String.join(", ", jdbc.sql("""
                            select shipment_id, shipped, carrier, tracking from centra_shipment where order_number = ? order by shipment_seq""")
                            .param(number).query((x, m) -> x.getString(1) + (x.getBoolean(2) ? " shipped" : "")
                                    + (x.getString(3).isBlank() ? "" : " " + x.getString(3))
                                    + (x.getString(4).isBlank() ? "" : " " + x.getString(4))).list())));
                    return b.append("</td></tr>");
                }).list();
        b.append("</table>");
    }

    private void stock(StringBuilder b, List<Warehouse> warehouses) {
        b.append("<h2>Stock per warehouse</h2><p>physical / allocated</p><table id=\"stock\"><tr><th>EAN</th><th>Item</th>");
        warehouses.forEach(w -> b.append("<th>").append(esc(w.name())).append("</th>"));
        b.append("</tr>");
        Map<String, Map<Long, String>> rows = new LinkedHashMap<>();
        Map<String, String> names = new LinkedHashMap<>();
        jdbc.sql("""
                select s.ean, p.name, v.name, s.size_name, k.warehouse_id, k.physical, k.allocated from centra_stock_item s
                join centra_variant v on v.variant_id = s.variant_id join centra_product p on p.product_id = v.product_id
                left join centra_stock k on k.stock_item_id = s.stock_item_id where s.ean is not null
                order by p.product_id, v.position, s.position""").query((r, n) -> {
                    String ean = r.getString(1);
                    names.putIfAbsent(ean, r.getString(2) + " " + r.getString(3) + " " + r.getString(4));
                    rows.computeIfAbsent(ean, k -> new LinkedHashMap<>()).put(r.getLong(5), r.getInt(6) + " / " + r.getInt(7));
                    return null;
                }).list();
        rows.forEach((ean, byWarehouse) -> {
            b.append("<tr id=\"stock-").append(esc(ean)).append("\"><td>").append(esc(ean)).append("</td><td>")
                    .append(esc(names.get(ean))).append("</td>");
            warehouses.forEach(w -> b.append("<td>").append(esc(byWarehouse.getOrDefault(w.id(), "–"))).append("</td>"));
            b.append("</tr>");
        });
        b.append("</table>");
    }

    private void faultsForm(StringBuilder b, HttpServletRequest request) {
        b.append("<h2>Faults</h2><p>Per webhook (by its index): <code>drop</code> and <code>duplicate</code> probabilities,")
                .append(" <code>reorder</code>, <code>delaySeconds</code>; <code>rateLimit</code>: writes per seconds (429 beyond).")
                .append(" Example: <code>{\"webhooks\": [{\"webhook\": 0, \"drop\": 0.5}], \"rateLimit\": {\"writes\": 20,")
                .append(" \"perSeconds\": 10}}</code>. The same as <code>PUT /sandbox/faults</code>.</p>")
                .append("<form method=\"post\" action=\"/shop/faults\" id=\"faults\">").append(SandboxPages.formField(request))
                .append("<textarea name=\"faults\" id=\"faults-json\" rows=\"4\" cols=\"90\">")
                .append(esc(AdminJson.MAPPER.writeValueAsString(faults.current()))).append("</textarea><br>")
                .append("<button type=\"submit\" id=\"set-faults\">Set the faults</button></form>");
    }

    @PostMapping("/shop/faults")
    ResponseEntity<Void> setFaults(@RequestParam(required = false) String form, @RequestParam(name = "faults", defaultValue = "")
                                   String json, HttpServletRequest request) {
        if (!SandboxPages.formOk(form, request)) {
            return ResponseEntity.status(HttpStatus.FORBIDDEN).build();
        }
        try {
            Faults.FaultSet set = faults.set(AdminJson.read(json.getBytes(java.nio.charset.StandardCharsets.UTF_8), Faults.FaultSet.class));
            return SandboxPages.back("/shop", "Faults set: " + AdminJson.MAPPER.writeValueAsString(set));
        } catch (AdminInputException e) {
            return SandboxPages.back("/shop", "Faults not changed: " + String.join("; ", e.errors().stream()
                    .map(f -> f.field() + " " + f.message()).toList()));
        }
    }

    private void deliveries(StringBuilder b) {
        b.append("<h2>Webhook deliveries</h2><p>The latest 20; the whole log: <code>GET /sandbox/webhook-deliveries</code>.</p>")
                .append("<table id=\"deliveries\"><tr><th>#</th><th>When</th><th>Events</th><th>Attempt</th><th>Outcome</th><th>HTTP</th></tr>");
        jdbc.sql("""
                select id, started_at_ms, event_ids, attempt, outcome, http_status, error from centra_webhook_delivery
                order by id desc fetch first 20 rows only""").query((r, n) -> b.append("<tr><td>").append(r.getLong(1))
                .append("</td><td>").append(Instant.ofEpochMilli(r.getLong(2))).append("</td><td>").append(esc(r.getString(3)))
                .append("</td><td>").append(r.getInt(4)).append("</td><td>").append(esc(r.getString(5)))
                .append(r.getString(7) == null ? "" : " (" + esc(r.getString(7)) + ")").append("</td><td>")
                .append(r.getObject(6) == null ? "–" : r.getObject(6).toString()).append("</td></tr>")).list();
        b.append("</table>");
    }
}
