package dev.kassa.connector.catalogue;

import dev.kassa.common.sandbox.AdminInputException;
import dev.kassa.common.sandbox.FieldError;
import dev.kassa.connector.config.ConnectorConfig;
import jakarta.servlet.http.HttpServletRequest;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/pos/items}: the catalogue feed for a store's tills (docs/catalogue-sync.md), authenticated
 * with the store's POS key: the items of the store's country with tax-inclusive prices, in the order they
 * changed. {@code since} (the {@code Next} of the previous answer) gives only what changed after it;
 * {@code format=csv} or {@code Accept: text/csv} gives CSV with the cursor in {@code X-Kassa-Next}.
 */
@RestController
class PosItemsController {

    private static final int DEFAULT_LIMIT = 1000;
    private static final int MAX_LIMIT = 10_000;
    private static final String[] COLUMNS = {"ItemId", "Ean", "Upc", "Sku", "Name", "Variant", "Size", "Active", "Price",
            "Currency", "TaxPercent", "StockItemId"};

    private final CatalogueMirror mirror;

    PosItemsController(CatalogueMirror mirror) {
        this.mirror = mirror;
    }

    @GetMapping(path = "/api/pos/items")
    ResponseEntity<?> items(@AuthenticationPrincipal ConnectorConfig.Store store, HttpServletRequest request,
                            @RequestParam(required = false) String since, @RequestParam(required = false) String limit,
                            @RequestParam(required = false) String format) {
        List<FieldError> errors = new ArrayList<>();
        long from = number("since", since, 0, 0, Long.MAX_VALUE, errors);
        int max = (int) number("limit", limit, DEFAULT_LIMIT, 1, MAX_LIMIT, errors);
        boolean csv = "csv".equalsIgnoreCase(format) || format == null && accepts(request, "text/csv");
        if (format != null && !format.equalsIgnoreCase("csv") && !format.equalsIgnoreCase("json")) {
            errors.add(new FieldError("format", "must be json or csv, got '" + format + "'"));
        }
        if (!errors.isEmpty()) {
            throw new AdminInputException("The feed could not be read; every problem is listed.", errors);
        }
        List<Map<String, Object>> rows = mirror.feed(store.country(), from, max);
        boolean more = rows.size() > max;
        List<Map<String, Object>> page = more ? rows.subList(0, max) : rows;
        long next = page.isEmpty() ? from : ((Number) page.getLast().get("feed_seq")).longValue();
        List<Map<String, Object>> items = page.stream().map(PosItemsController::item).toList();
        if (csv) {
            StringBuilder out = new StringBuilder(String.join(",", COLUMNS)).append("\r\n");
            for (Map<String, Object> item : items) {
                List<String> cells = new ArrayList<>();
                for (String c : COLUMNS) {
                    cells.add(cell(item.get(c)));
                }
                out.append(String.join(",", cells)).append("\r\n");
            }
            return ResponseEntity.ok().header("X-Kassa-Next", Long.toString(next)).header("X-Kassa-More", Boolean.toString(more))
                    .contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8)).body(out.toString());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("StoreId", store.centaraStore());
        out.put("Country", store.country().toUpperCase(java.util.Locale.ROOT));
        out.put("Items", items);
        out.put("Next", next);
        out.put("More", more);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(out);
    }

    private static Map<String, Object> item(Map<String, Object> r) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("ItemId", r.get("item_id"));
        item.put("Ean", r.get("ean"));
        item.put("Upc", r.get("upc"));
        item.put("Sku", r.get("sku"));
        item.put("Name", r.get("product_name"));
        item.put("Variant", r.get("variant_name"));
        item.put("Size", r.get("size_name"));
        item.put("Active", r.get("active"));
        item.put("Price", r.get("price"));
        item.put("Currency", r.get("currency"));
        item.put("TaxPercent", r.get("tax_percent"));
        item.put("StockItemId", ((Number) r.get("stock_item_id")).longValue());
        return item;
    }

    /** RFC 4180: quoted when it holds a comma, quote or line break; a number as plain text. */
    private static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String s = value instanceof BigDecimal d ? d.toPlainString() : value.toString();
        return s.matches("[^\",\r\n]*") ? s : "\"" + s.replace("\"", "\"\"") + "\"";
    }

    private static boolean accepts(HttpServletRequest request, String type) {
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        return accept != null && accept.toLowerCase(java.util.Locale.ROOT).contains(type);
    }

    private static long number(String field, String value, long fallback, long min, long max, List<FieldError> errors) {
        if (value == null) {
            return fallback;
        }
        try {
            long n = Long.parseLong(value.trim());
            if (n < min || n > max) {
                errors.add(new FieldError(field, "must be from " + min + " to " + max + ", got " + n));
                return fallback;
            }
            return n;
        } catch (NumberFormatException e) {
            errors.add(new FieldError(field, "must be a whole number, got '" + value + "'"));
            return fallback;
        }
    }
}
