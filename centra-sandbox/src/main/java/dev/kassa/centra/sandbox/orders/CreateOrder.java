package dev.kassa.centra.sandbox.orders;

import dev.kassa.centra.sandbox.clock.InstanceTime;
import dev.kassa.centra.sandbox.orderapi.Lenient;
import dev.kassa.centra.sandbox.orderapi.OrderApiException;
import dev.kassa.centra.sandbox.orderapi.OrderApiInstance;
import dev.kassa.centra.sandbox.orders.Markets.Pricelist;
import dev.kassa.centra.sandbox.orders.OrderItems.Item;
import dev.kassa.centra.sandbox.orders.OrderPlacement.NewLine;
import dev.kassa.centra.sandbox.state.LocalDateTimes;
import dev.kassa.centra.sandbox.stock.StockLedger;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST <base>/order} (§6.1): validates, prices, allocates from the plugin's primary warehouse
 * (§13.11) and writes the order, or refuses with one of the codes -1…-7 and writes nothing.
 */
@Service
public class CreateOrder {

    static final List<String> ADDRESS_FIELDS = List.of("email", "firstName", "lastName", "company", "attn", "tele",
            "cell", "address", "coaddress", "city", "zipcode", "state", "country");
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private final OrderPlacement placement;
    private final Orders orders;
    private final OrderItems items;
    private final Markets markets;
    private final Customers customers;
    private final StockLedger ledger;
    private final InstanceTime time;

    CreateOrder(OrderPlacement placement, Orders orders, OrderItems items, Markets markets, Customers customers,
                StockLedger ledger, InstanceTime time) {
        this.placement = placement;
        this.orders = orders;
        this.items = items;
        this.markets = markets;
        this.customers = customers;
        this.ledger = ledger;
        this.time = time;
    }

    static OrderApiException code(int code, String msg) {
        return OrderApiException.refused("code", code, "msg", msg);
    }

    @Transactional
    public ObjectNode create(OrderApiInstance api, JsonNode body) {
        if (!api.allowOrderCreate()) {
            throw code(-7, "creating orders is not allowed for this plugin (Allow creating new orders: No)");
        }
        if (!body.isObject()) {
            throw OrderApiException.badRequest("the request body must be a JSON object (an order)");
        }
        List<String> missing = new ArrayList<>();
        JsonNode invoiceIn = body.hasNonNull("invoiceAddress") ? body.get("invoiceAddress") : body.get("address");
        JsonNode deliveryIn = body.hasNonNull("deliveryAddress") ? body.get("deliveryAddress") : invoiceIn;
        String invoiceName = body.hasNonNull("invoiceAddress") ? "invoiceAddress" : "address";
        if (invoiceIn == null || invoiceIn.isNull()) {
            invoiceIn = deliveryIn;
            invoiceName = "deliveryAddress";
        }
        if (invoiceIn == null || invoiceIn.isNull()) {
            missing.add("address");
        }
        ObjectNode billing = invoiceIn == null ? null : address(invoiceIn, invoiceName);
        ObjectNode delivery = deliveryIn == null || deliveryIn.isNull() ? billing
                : address(deliveryIn, body.hasNonNull("deliveryAddress") ? "deliveryAddress" : invoiceName);
        if (billing != null && !billing.hasNonNull("email")) {
            missing.add(invoiceName + ".email");
        }
        String country = delivery != null && delivery.hasNonNull("country") ? delivery.get("country").asString()
                : billing != null && billing.hasNonNull("country") ? billing.get("country").asString() : null;
        if (billing != null && country == null) {
            missing.add(invoiceName + ".country");
        }
        JsonNode products = body.get("products");
        if (products == null || products.isNull()) {
            missing.add("products");
        }
        if (!missing.isEmpty()) {
            throw code(-4, "required field(s) missing: " + String.join(", ", missing));
        }
        if (!products.isArray()) {
            throw OrderApiException.badRequest("products must be an array of order lines");
        }
        if (products.isEmpty()) {
            throw code(-3, "order is empty");
        }
        country = country.toUpperCase();

        long market = market(body, country);
        if (!api.markets().isEmpty() && !api.markets().contains(market)) {
            throw code(-1, "market " + market + " is not one of this plugin's markets");
        }
        Pricelist pricelist = pricelist(body, country);
        BigDecimal tax = markets.taxPercent(country);
        LocalDateTime now = time.localNow();

        boolean adjustStock = optionalBool(body, "adjustStock", true);
        boolean forceCreate = optionalBool(body, "forceCreate", false);
        boolean createOnly = optionalBool(body, "createOnly", false);
        Long forcedNumber = body.hasNonNull("orderNumber") ? Lenient.integer(body.get("orderNumber"), "orderNumber") : null;
        if (forcedNumber != null && (forcedNumber < 1 || orders.exists(forcedNumber))) {
            throw code(-5, "order " + forcedNumber + " already exists");
        }

        List<NewLine> lines = new ArrayList<>();
        List<String> unavailable = new ArrayList<>();
        for (int i = 0; i < products.size(); i++) {
            JsonNode p = products.get(i);
            String path = "products[" + i + "]";
            if (!p.isObject()) {
                throw OrderApiException.badRequest(path + " must be an object");
            }
            if (!p.hasNonNull("qty")) {
                throw code(-4, "required field(s) missing: " + path + ".qty");
            }
            long qty = Lenient.integer(p.get("qty"), path + ".qty");
            if (qty < 1 || qty > 100_000) {
                throw OrderApiException.badRequest(path + ".qty must be between 1 and 100000, got " + qty);
            }
            Optional<Item> item = item(p, path);
            if (item.isEmpty() || !item.get().active()) {
                unavailable.add(identifier(p) + (item.isEmpty() ? " (no such product)" : " (product is inactive)"));
                continue;
            }
            BigDecimal unit = p.hasNonNull("unitPrice") ? money(p.get("unitPrice"), path + ".unitPrice") : null;
            BigDecimal original = p.hasNonNull("originalPrice")
                    ? money(p.get("originalPrice"), path + ".originalPrice") : null;
            if (unit == null || original == null) {
                Optional<BigDecimal[]> listed = items.price(item.get().variantId(), pricelist.id(), tax, now);
                if (listed.isEmpty()) {
                    unavailable.add(identifier(p) + " (no price in pricelist " + pricelist.id() + ")");
                    continue;
                }
                unit = unit == null ? listed.get()[0] : unit;
                original = original == null ? listed.get()[1] : original;
            }
            lines.add(new NewLine(item.get().stockItemId(), (int) qty, unit, original, tax,
                    orEmpty(text(p, "comment", path)), p.hasNonNull("itemText") ? p.get("itemText").toString() : null));
        }
        if (!unavailable.isEmpty()) {
            throw code(-1, "some products cannot be added: " + String.join(", ", unavailable));
        }

        long customerId = customer(body, billing.get("email").asString());
        JsonNode payment = body.get("payment");
        if (payment != null && !payment.isNull()) {
            CreateOrderPayment.check(payment);
        }
        long number = placement.number(forcedNumber);
        OrderRow template = new OrderRow(number, null, "order-api", api.uri(), "regular",
                createOnly ? OrderRow.PENDING : OrderRow.CONFIRMED, createOnly, market, pricelist.id(),
                pricelist.currency(), country, customerId, billing.toString(), delivery.toString(),
                orEmpty(text(body, "shippingList", "")), amount(body, "shippingValue"), amount(body, "voucherValue"),
                voucherCodes(body), orEmpty(text(body, "comment", "")), orEmpty(text(body, "internalComment", "")),
                orEmpty(text(body, "poNumber", "")), orEmpty(text(body, "buyerName", "")),
                optionalBool(body, "internalOrder", false), adjustStock,
                payment == null || payment.isNull() ? null : payment.toString(), extraAttributes(body),
                date(body, "orderDate"), date(body, "deliveryDate"), date(body, "cancelDate"), null, null);
        List<LineRow> stored = placement.insert(template, lines);
        if (adjustStock) {
            allocate(stored, api.primaryWarehouse(), forceCreate);
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("status", "ok");
        if (createOnly) {
            out.put("order", number);
        } else {
            out.putArray("orders").add(number);
        }
        return out;
    }

    /** Reserves every line in the warehouse; without {@code forceCreate} a shortage refuses the order (-2). */
    private void allocate(List<LineRow> lines, long warehouse, boolean forceCreate) {
        ledger.lock(lines.stream().map(LineRow::stockItemId).toList());
        List<String> short_ = new ArrayList<>();
        for (LineRow l : lines) {
            int free = Math.max(0, ledger.freeToAllocate(l.stockItemId(), warehouse));
            int take = Math.min(free, l.qty());
            if (take < l.qty() && !forceCreate) {
                short_.add("stock item " + l.stockItemId() + " (" + l.qty() + " ordered, " + free + " available)");
                continue;
            }
            orders.allocate(l.lineId(), l.stockItemId(), warehouse, take);
        }
        if (!short_.isEmpty()) {
            throw code(-2, "products missing stock: " + String.join(", ", short_));
        }
    }

    private long market(JsonNode body, String country) {
        if (body.hasNonNull("marketId")) {
            long id = Lenient.integer(body.get("marketId"), "marketId");
            return markets.marketById(id).orElseThrow(() -> code(-1, "market " + id + " does not exist"));
        }
        if (body.hasNonNull("market")) {
            String name = Lenient.text(body.get("market"), "market");
            return markets.marketByName(name).orElseThrow(() -> code(-1, "market " + name + " does not exist"));
        }
        return markets.marketOfCountry(country).orElseThrow(() -> code(-1, "no market sells to country " + country));
    }

    private Pricelist pricelist(JsonNode body, String country) {
        if (body.hasNonNull("pricelistId")) {
            long id = Lenient.integer(body.get("pricelistId"), "pricelistId");
            return markets.pricelistById(id).orElseThrow(() -> code(-1, "pricelist " + id + " does not exist"));
        }
        if (body.hasNonNull("pricelist")) {
            String name = Lenient.text(body.get("pricelist"), "pricelist");
            return markets.pricelistByName(name).orElseThrow(() -> code(-1, "pricelist " + name + " does not exist"));
        }
        return markets.pricelistOfCountry(country)
                .orElseThrow(() -> code(-1, "no pricelist is set up for country " + country));
    }

    private Optional<Item> item(JsonNode p, String path) {
        if (p.hasNonNull("id")) {
            return items.byId(Lenient.integer(p.get("id"), path + ".id"));
        }
        if (p.hasNonNull("ean")) {
            return items.byEan(Lenient.text(p.get("ean"), path + ".ean"));
        }
        if (p.hasNonNull("sku")) {
            return items.bySku(Lenient.text(p.get("sku"), path + ".sku"));
        }
        throw code(-4, "required field(s) missing: " + path + ".id, " + path + ".ean or " + path + ".sku");
    }

    private static String identifier(JsonNode p) {
        for (String k : List.of("id", "ean", "sku")) {
            if (p.hasNonNull(k)) {
                return k + " " + p.get(k).asString();
            }
        }
        return "?";
    }

    private long customer(JsonNode body, String email) {
        if (body.hasNonNull("customerId")) {
            long id = Lenient.integer(body.get("customerId"), "customerId");
            if (!customers.exists(id)) {
                throw code(-7, "customer " + id + " does not exist"); // -6 is for registering a new customer (§6.1)
            }
            return id;
        }
        return optionalBool(body, "customerRegister", false) ? customers.registered(email)
                : customers.create(email, false);
    }

    static ObjectNode address(JsonNode in, String name) {
        if (!in.isObject()) {
            throw OrderApiException.badRequest(name + " must be an object");
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (String f : ADDRESS_FIELDS) {
            String v = Lenient.optionalText(in.get(f), name + "." + f);
            if (v != null) {
                out.put(f, "country".equals(f) ? v.toUpperCase() : v);
            }
        }
        return out;
    }

    static boolean optionalBool(JsonNode body, String field, boolean otherwise) {
        return body.hasNonNull(field) ? Lenient.bool(body.get(field), field) : otherwise;
    }

    static String text(JsonNode body, String field, String path) {
        return Lenient.optionalText(body.get(field), path.isEmpty() ? field : path + "." + field);
    }

    static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    private static BigDecimal money(JsonNode node, String field) {
        BigDecimal v = Lenient.decimal(node, field);
        if (v.signum() < 0) {
            throw OrderApiException.badRequest(field + " must not be negative, got " + node);
        }
        return v.setScale(2, RoundingMode.HALF_UP);
    }

    private static BigDecimal amount(JsonNode body, String field) {
        return body.hasNonNull(field) ? money(body.get(field), field) : BigDecimal.ZERO.setScale(2);
    }

    static LocalDateTime date(JsonNode body, String field) {
        if (!body.hasNonNull(field)) {
            return null;
        }
        String text = Lenient.text(body.get(field), field);
        return LocalDateTimes.parse(text).orElseThrow(() -> OrderApiException.badRequest(
                field + " must be YYYY-MM-DD or YYYY-MM-DD HH:MM:SS, got \"" + text + "\""));
    }

    private static String voucherCodes(JsonNode body) {
        JsonNode codes = body.get("voucherCodes");
        if (codes == null || codes.isNull()) {
            return "";
        }
        if (!codes.isArray()) {
            throw OrderApiException.badRequest("voucherCodes must be an array of strings");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < codes.size(); i++) {
            out.add(Lenient.text(codes.get(i), "voucherCodes[" + i + "]"));
        }
        return String.join("\n", out);
    }

    static String extraAttributes(JsonNode body) {
        JsonNode extra = body.get("extraAttributes");
        if (extra == null || extra.isNull()) {
            return "{}";
        }
        if (!extra.isObject()) {
            throw OrderApiException.badRequest("extraAttributes must be an object");
        }
        Map<String, Object> kept = new LinkedHashMap<>();
        extra.properties().forEach(e -> {
            if (!(e.getValue().isString() && e.getValue().asString().isEmpty())) {
                kept.put(e.getKey(), e.getValue());
            }
        });
        return MAPPER.writeValueAsString(kept);
    }
}
