package dev.kassa.centara.sandbox.orders;

import dev.kassa.centara.sandbox.state.SandboxTime;
import dev.kassa.common.sandbox.FieldError;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a posted {@code Order} (spec A, B.1, B.4): property names case-insensitive, unknown ones ignored,
 * numbers as numbers or numeric strings, dates with or without offset (without: the store's local time).
 * Every problem is collected with its JSON path, references to the registry included, so one answer lists
 * them all; what it returns is the order normalised to PascalCase with every field present.
 */
final class OrderReader {

    static final int MAX_LINKED_DEPTH = 1;

    /** The outcome: the normalised order and its sums, or the problems. */
    record Result(ObjectNode order, Integer storeId, String reference, BigDecimal paid, BigDecimal due,
                  OffsetDateTime created, OffsetDateTime dueAt, List<FieldError> errors) {
    }

    private final Registry registry;
    private final List<FieldError> errors = new ArrayList<>();
    private final Map<String, String> customerRefs = new LinkedHashMap<>();
    private final Map<String, String> itemRefs = new LinkedHashMap<>();
    private final Map<String, Integer> tenderRefs = new LinkedHashMap<>();
    private final Map<String, String> infoCodeRefs = new LinkedHashMap<>();
    private ZoneId zone = SandboxTime.zone(null);
    private BigDecimal due = BigDecimal.ZERO;
    private BigDecimal paid = BigDecimal.ZERO;

    private OrderReader(Registry registry) {
        this.registry = registry;
    }

    static Result read(JsonNode body, Registry registry) {
        return new OrderReader(registry).order(body);
    }

    private Result order(JsonNode body) {
        if (body == null || !body.isObject()) {
            errors.add(new FieldError("$", "must be a JSON object (an Order)"));
            return new Result(null, null, null, null, null, null, null, errors);
        }
        Ci o = ci(body, "");
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        Integer storeId = integer("StoreId", o.get("StoreId"), true);
        if (storeId != null) {
            registry.storeZone(storeId).ifPresentOrElse(z -> zone = SandboxTime.zone(z),
                    () -> errors.add(new FieldError("StoreId", "store " + storeId + " does not exist")));
        }
        out.put("StoreId", storeId);
        OffsetDateTime created = dateTime("Created", o.get("Created"), true);
        putDate(out, "Created", created);
        OffsetDateTime dueAt = dateTime("DueAt", o.get("DueAt"), false);
        putDate(out, "DueAt", dueAt);
        String reference = string("ReferenceNumber", o.get("ReferenceNumber"), 20, false);
        if (reference != null && reference.isBlank()) {
            reference = null; // a blank reference is no reference: it must not make every such order a duplicate
        }
        out.put("ReferenceNumber", reference);
        out.put("Language", string("Language", o.get("Language"), 3, false));
        out.put("Notes", string("Notes", o.get("Notes"), Integer.MAX_VALUE, false));
        out.set("Customer", customer("Customer", o.get("Customer")));
        JsonNode loyalty = o.get("LoyaltyInstrument");
        if (present(loyalty) && isObject("LoyaltyInstrument", loyalty)) {
            Ci l = ci(loyalty, "LoyaltyInstrument");
            out.putObject("LoyaltyInstrument").put("InstrumentId",
                    string("LoyaltyInstrument.InstrumentId", l.get("InstrumentId"), 20, false));
        } else {
            out.putNull("LoyaltyInstrument");
        }
        JsonNode items = o.get("Items");
        ArrayNode outItems = out.putArray("Items");
        if (!present(items)) {
            errors.add(new FieldError("Items", "is required: an order needs at least one item"));
        } else if (isArray("Items", items)) {
            if (items.isEmpty()) {
                errors.add(new FieldError("Items", "must contain at least one item"));
            }
            for (int i = 0; i < items.size(); i++) {
                outItems.add(item("Items[" + i + "]", items.get(i), 0));
            }
        }
        ArrayNode outPayments = out.putArray("Payments");
        JsonNode payments = o.get("Payments");
        if (present(payments) && isArray("Payments", payments)) {
            for (int i = 0; i < payments.size(); i++) {
                outPayments.add(payment("Payments[" + i + "]", payments.get(i)));
            }
        }
        out.set("InfoCodes", infoCodes("InfoCodes", o.get("InfoCodes")));
        checkReferences();
        return new Result(out, storeId, reference, paid, due, created, dueAt, errors);
    }

    private JsonNode customer(String path, JsonNode node) {
        if (!present(node) || !isObject(path, node)) {
            return JsonNodeFactory.instance.nullNode();
        }
        Ci c = ci(node, path);
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        String id = string(path + ".CustomerId", c.get("CustomerId"), 24, true);
        if (id != null) {
            customerRefs.put(path + ".CustomerId", id);
        }
        out.put("CustomerId", id);
        out.put("ExternalId", string(path + ".ExternalId", c.get("ExternalId"), 24, false));
        out.put("Title", string(path + ".Title", c.get("Title"), 10, false));
        out.put("FirstName", string(path + ".FirstName", c.get("FirstName"), 64, false));
        out.put("MiddleNames", string(path + ".MiddleNames", c.get("MiddleNames"), 64, false));
        out.put("LastName", string(path + ".LastName", c.get("LastName"), 64, false));
        out.put("EmailAddress", string(path + ".EmailAddress", c.get("EmailAddress"), 128, false));
        out.put("PhoneHome", string(path + ".PhoneHome", c.get("PhoneHome"), 32, false));
        out.put("PhoneMobile", string(path + ".PhoneMobile", c.get("PhoneMobile"), 32, false));
        ArrayNode addresses = out.putArray("Addresses");
        JsonNode in = c.get("Addresses");
        if (present(in) && isArray(path + ".Addresses", in)) {
            for (int i = 0; i < in.size(); i++) {
                String ap = path + ".Addresses[" + i + "]";
                if (!isObject(ap, in.get(i))) {
                    continue;
                }
                Ci a = ci(in.get(i), ap);
                ObjectNode oa = addresses.addObject();
                oa.put("CustomerId", string(ap + ".CustomerId", a.get("CustomerId"), 24, false));
                oa.put("AddressTypeId", integer(ap + ".AddressTypeId", a.get("AddressTypeId"), false));
                JsonNode inner = a.get("Address");
                if (present(inner) && isObject(ap + ".Address", inner)) {
                    Ci t = ci(inner, ap + ".Address");
                    ObjectNode ot = oa.putObject("Address");
                    ot.put("AddressId", integer(ap + ".Address.AddressId", t.get("AddressId"), false));
                    ot.put("Address", string(ap + ".Address.Address", t.get("Address"), 512, false));
                    ot.put("PostalAddress", string(ap + ".Address.PostalAddress", t.get("PostalAddress"), 128, false));
                    ot.put("Country", string(ap + ".Address.Country", t.get("Country"), 64, false));
                } else {
                    oa.putNull("Address");
                }
            }
        }
        return out;
    }

    private ObjectNode item(String path, JsonNode node, int depth) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        if (!isObject(path, node)) {
            return out;
        }
        Ci it = ci(node, path);
        String id = string(path + ".ItemId", it.get("ItemId"), 24, true);
        if (id != null) {
            itemRefs.put(path + ".ItemId", id);
        }
        out.put("ItemId", id);
        BigDecimal quantity = decimal(path + ".Quantity", it.get("Quantity"), true);
        if (quantity != null && quantity.signum() <= 0) {
            errors.add(new FieldError(path + ".Quantity", "must be more than 0, got " + quantity.toPlainString()));
        }
        out.put("Quantity", quantity);
        BigDecimal price = decimal(path + ".Price", it.get("Price"), true);
        notNegative(path + ".Price", price);
        out.put("Price", price);
        BigDecimal discount = decimal(path + ".Discount", it.get("Discount"), false);
        notNegative(path + ".Discount", discount);
        out.put("Discount", discount);
        BigDecimal original = decimal(path + ".OriginalPrice", it.get("OriginalPrice"), false);
        notNegative(path + ".OriginalPrice", original);
        out.put("OriginalPrice", original);
        out.put("Description", string(path + ".Description", it.get("Description"), 80, false));
        if (quantity != null && price != null) {
            due = due.add(quantity.multiply(price)).subtract(discount == null ? BigDecimal.ZERO : discount);
        }
        JsonNode linked = it.get("LinkedItems");
        if (depth < MAX_LINKED_DEPTH) {
            ArrayNode outLinked = out.putArray("LinkedItems");
            if (present(linked) && isArray(path + ".LinkedItems", linked)) {
                for (int i = 0; i < linked.size(); i++) {
                    outLinked.add(item(path + ".LinkedItems[" + i + "]", linked.get(i), depth + 1));
                }
            }
        } else if (present(linked) && !(linked.isArray() && linked.isEmpty())) {
            errors.add(new FieldError(path + ".LinkedItems", "a linked item cannot have linked items of its own (one level only)"));
        }
        return out;
    }

    private ObjectNode payment(String path, JsonNode node) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        if (!isObject(path, node)) {
            return out;
        }
        Ci p = ci(node, path);
        BigDecimal amount = decimal(path + ".Amount", p.get("Amount"), true);
        notNegative(path + ".Amount", amount);
        if (amount != null) {
            paid = paid.add(amount);
        }
        out.put("Amount", amount);
        putDate(out, "TimeStamp", dateTime(path + ".TimeStamp", p.get("TimeStamp"), true));
        Integer tender = integer(path + ".TenderCode", p.get("TenderCode"), true);
        if (tender != null) {
            tenderRefs.put(path + ".TenderCode", tender);
        }
        out.put("TenderCode", tender);
        out.put("Description", string(path + ".Description", p.get("Description"), 20, false));
        JsonNode auth = p.get("Authorization");
        if (present(auth) && isObject(path + ".Authorization", auth)) {
            String ap = path + ".Authorization";
            Ci a = ci(auth, ap);
            ObjectNode oa = out.putObject("Authorization");
            putDate(oa, "TransactionDateTime", dateTime(ap + ".TransactionDateTime", a.get("TransactionDateTime"), true));
            oa.put("AuthorisationCode", string(ap + ".AuthorisationCode", a.get("AuthorisationCode"), Integer.MAX_VALUE, true));
            oa.put("HostTransactionNumber", string(ap + ".HostTransactionNumber", a.get("HostTransactionNumber"),
                    Integer.MAX_VALUE, false));
            oa.put("Provider", string(ap + ".Provider", a.get("Provider"), Integer.MAX_VALUE, false));
            oa.put("CardSchemeName", string(ap + ".CardSchemeName", a.get("CardSchemeName"), Integer.MAX_VALUE, false));
        } else {
            out.putNull("Authorization");
        }
        out.set("InfoCodes", infoCodes(path + ".InfoCodes", p.get("InfoCodes")));
        return out;
    }

    private ArrayNode infoCodes(String path, JsonNode node) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        if (!present(node) || !isArray(path, node)) {
            return out;
        }
        for (int i = 0; i < node.size(); i++) {
            String p = path + "[" + i + "]";
            if (!isObject(p, node.get(i))) {
                continue;
            }
            Ci c = ci(node.get(i), p);
            ObjectNode o = out.addObject();
            String id = string(p + ".Id", c.get("Id"), 200, true);
            if (id != null) {
                infoCodeRefs.put(p + ".Id", id);
            }
            o.put("Id", id);
            o.put("Value", string(p + ".Value", c.get("Value"), Integer.MAX_VALUE, true));
            o.put("AddedBy", string(p + ".AddedBy", c.get("AddedBy"), 500, false));
            putDate(o, "AddedTimestamp", dateTime(p + ".AddedTimestamp", c.get("AddedTimestamp"), false));
        }
        return out;
    }

    /** Customers, items, tenders and info codes must exist in Centara (spec A); one query per kind. */
    private void checkReferences() {
        Set<String> customers = registry.existingCustomers(customerRefs.values());
        customerRefs.forEach((path, id) -> {
            if (!customers.contains(id)) {
                errors.add(new FieldError(path, "customer '" + id + "' does not exist"));
            }
        });
        Set<String> items = registry.existingItems(itemRefs.values());
        itemRefs.forEach((path, id) -> {
            if (!items.contains(id)) {
                errors.add(new FieldError(path, "item '" + id + "' does not exist"));
            }
        });
        Set<Integer> tenders = registry.existingTenders(tenderRefs.values());
        tenderRefs.forEach((path, code) -> {
            if (!tenders.contains(code)) {
                errors.add(new FieldError(path, "tender " + code + " does not exist"));
            }
        });
        Map<String, String> codes = registry.infoCodes(infoCodeRefs.values());
        infoCodeRefs.forEach((path, id) -> {
            if (!codes.containsKey(id)) {
                errors.add(new FieldError(path, "info code '" + id + "' does not exist"));
            }
        });
    }

    // --- JSON helpers -------------------------------------------------------------------------------

    /** An object's properties by lower-cased name; two names differing only in case are an error. */
    private record Ci(Map<String, JsonNode> byName) {
        JsonNode get(String name) {
            return byName.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private Ci ci(JsonNode object, String path) {
        Map<String, JsonNode> byName = new LinkedHashMap<>();
        object.properties().forEach(e -> {
            String key = e.getKey().toLowerCase(Locale.ROOT);
            if (byName.putIfAbsent(key, e.getValue()) != null) {
                errors.add(new FieldError((path.isEmpty() ? "" : path + ".") + e.getKey(),
                        "is given twice (property names are case-insensitive)"));
            }
        });
        return new Ci(byName);
    }

    private static boolean present(JsonNode node) {
        return node != null && !node.isNull() && !node.isMissingNode();
    }

    private boolean isObject(String path, JsonNode node) {
        if (node != null && node.isObject()) {
            return true;
        }
        errors.add(new FieldError(path, "must be an object"));
        return false;
    }

    private boolean isArray(String path, JsonNode node) {
        if (node.isArray()) {
            return true;
        }
        errors.add(new FieldError(path, "must be an array"));
        return false;
    }

    private String string(String path, JsonNode node, int max, boolean required) {
        if (!present(node)) {
            if (required) {
                errors.add(new FieldError(path, "is required"));
            }
            return null;
        }
        String value;
        if (node.isString()) {
            value = node.asString();
        } else if (node.isNumber()) {
            value = node.asString();
        } else {
            errors.add(new FieldError(path, "must be a string"));
            return null;
        }
        if (required && value.isBlank()) {
            errors.add(new FieldError(path, "is required and must not be blank"));
            return null;
        }
        if (value.length() > max) {
            errors.add(new FieldError(path, "must be at most " + max + " characters, got " + value.length()));
            return null;
        }
        return value;
    }

    private BigDecimal decimal(String path, JsonNode node, boolean required) {
        if (!present(node)) {
            if (required) {
                errors.add(new FieldError(path, "is required"));
            }
            return null;
        }
        try {
            if (node.isNumber()) {
                return node.decimalValue().stripTrailingZeros();
            }
            if (node.isString()) {
                return new BigDecimal(node.asString().trim()).stripTrailingZeros();
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add(new FieldError(path, "must be a number, got " + node));
        return null;
    }

    private Integer integer(String path, JsonNode node, boolean required) {
        BigDecimal d = decimal(path, node, required);
        if (d == null) {
            return null;
        }
        try {
            return d.intValueExact();
        } catch (ArithmeticException e) {
            errors.add(new FieldError(path, "must be a whole number, got " + node));
            return null;
        }
    }

    private void notNegative(String path, BigDecimal value) {
        if (value != null && value.signum() < 0) {
            errors.add(new FieldError(path, "must not be negative, got " + value.toPlainString()));
        }
    }

    /** ISO-8601 with offset, or without: then it is the store's local time (spec B.1). */
    private OffsetDateTime dateTime(String path, JsonNode node, boolean required) {
        if (!present(node)) {
            if (required) {
                errors.add(new FieldError(path, "is required"));
            }
            return null;
        }
        if (!node.isString()) {
            errors.add(new FieldError(path, "must be an ISO-8601 date-time string such as 2017-10-31T15:30:24Z"));
            return null;
        }
        String s = node.asString().trim();
        try {
            return OffsetDateTime.parse(s);
        } catch (DateTimeParseException e) {
            try {
                LocalDateTime local = s.length() == 10 ? LocalDate.parse(s).atStartOfDay() : LocalDateTime.parse(s);
                return local.atZone(zone).toOffsetDateTime();
            } catch (DateTimeParseException e2) {
                errors.add(new FieldError(path, "is not an ISO-8601 date-time: '" + s + "'"));
                return null;
            }
        }
    }

    private static void putDate(ObjectNode out, String field, OffsetDateTime value) {
        out.put(field, value == null ? null : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(value));
    }
}
