package dev.kassa.connector.admin;

import dev.kassa.common.sandbox.AdminInputException;
import dev.kassa.common.sandbox.FieldError;
import dev.kassa.connector.catalogue.CatalogueSchedule;
import dev.kassa.connector.config.ConnectorConfig;
import dev.kassa.connector.stock.Reconciliation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The head office's API ({@code /api/admin/**}, {@code Authorization: Bearer <kassa.connector.admin-token>}):
 * the stock writer's state per store, dead letters and their replay, clamps, writes, reconciliation, and
 * the catalogue sync. Documented in docs/stock-sync.md and docs/catalogue-sync.md.
 */
@RestController
class AdminController {

    private static final int MAX_LIST = 1000;

    private final ConnectorConfig config;
    private final Reconciliation reconciliation;
    private final CatalogueSchedule catalogueJobs;
    private final HeadOffice office;

    private final dev.kassa.connector.ShadowCalls shadowCalls;

    AdminController(ConnectorConfig config, Reconciliation reconciliation, CatalogueSchedule catalogueJobs, HeadOffice office,
                    dev.kassa.connector.ShadowCalls shadowCalls) {
        this.shadowCalls = shadowCalls;
        this.office = office;
        this.config = config;
        this.reconciliation = reconciliation;
        this.catalogueJobs = catalogueJobs;
    }

    @GetMapping("/api/admin/stock")
    Map<String, Object> stock() {
        return Map.of("stores", office.stock());
    }

    @GetMapping("/api/admin/stock/dead-letters")
    ResponseEntity<?> deadLetters(@RequestParam(required = false) String store) {
        if (store != null && config.store(store).isEmpty()) {
            throw unknownStore(store);
        }
        List<Map<String, Object>> out = office.deadLetters(store, MAX_LIST);
        return ResponseEntity.ok(Map.of("deadLetters", out));
    }

    /**
     * Puts dead lines back in the writer's queue: {@code {"lines": [{"transactionId": …, "lineNumber": …}]}},
     * or {@code {"store": "…"}} for all of a store's. Every line named must be dead; otherwise nothing changes.
     */
    @PostMapping("/api/admin/stock/dead-letters/replay")
    ResponseEntity<?> replay(@RequestBody(required = false) JsonNode body) {
        return deadLetters(body, "replayed", (store, keys) -> office.replay(store, keys));
    }

    /**
     * Discards dead lines for good (they are kept, marked discarded, never applied): the same body as replay.
     */
    @PostMapping("/api/admin/stock/dead-letters/discard")
    ResponseEntity<?> discard(@RequestBody(required = false) JsonNode body) {
        return deadLetters(body, "discarded", (store, keys) -> office.discard(store, keys, "the admin API"));
    }

    private ResponseEntity<?> deadLetters(JsonNode body, String done, java.util.function.BiFunction<String, List<Object[]>, Integer> action) {
        List<FieldError> errors = new ArrayList<>();
        if (body == null || !body.isObject()) {
            throw new AdminInputException("Nothing was " + done + ".", List.of(new FieldError("$",
                    "must be an object with lines (transactionId, lineNumber) or store")));
        }
        JsonNode lines = body.get("lines");
        JsonNode store = body.get("store");
        if ((lines == null) == (store == null)) {
            errors.add(new FieldError("$", "give either lines or store"));
        }
        List<Object[]> keys = new ArrayList<>();
        if (lines != null) {
            if (!lines.isArray() || lines.isEmpty()) {
                errors.add(new FieldError("lines", "must be a non-empty array"));
            } else {
                for (int i = 0; i < lines.size(); i++) {
                    JsonNode l = lines.get(i);
                    JsonNode t = l.get("transactionId");
                    JsonNode n = l.get("lineNumber");
                    if (t == null || !t.isString() || !dev.kassa.connector.db.Columns.fitsAsIs(t.asString(), 60)) {
                        errors.add(new FieldError("lines[" + i + "].transactionId", "is required: a TransactionId (a string of"
                                + " at most 60 characters, no control characters)"));
                        t = null;
                    }
                    if (n == null || !n.isIntegralNumber() || !n.canConvertToInt()) {
                        errors.add(new FieldError("lines[" + i + "].lineNumber", "is required: a whole number"));
                    }
                    if (t != null && t.isString() && n != null && n.isIntegralNumber() && n.canConvertToInt()) {
                        String state = office.lineState(t.asString(), n.intValue()).orElse(null);
                        if (!"dead".equals(state)) {
                            errors.add(new FieldError("lines[" + i + "]", state == null ? "no such line"
                                    : "the line is " + state + ", not dead"));
                        }
                        keys.add(new Object[]{t.asString(), n.intValue()});
                    }
                }
            }
        }
        if (store != null && (!store.isString() || config.store(store.asString()).isEmpty())) {
            errors.add(new FieldError("store", "is not a configured store: " + store));
        }
        if (!errors.isEmpty()) {
            throw new AdminInputException("Nothing was " + done + "; every problem is listed.", errors);
        }
        int n = action.apply(store == null ? null : store.asString(), keys);
        return ResponseEntity.ok(Map.of(done, n));
    }

    /** Shadow mode (decision 0018): what the connector would have written, newest first. */
    @GetMapping("/api/admin/shadow")
    Map<String, Object> shadow() {
        List<Map<String, Object>> writes = new ArrayList<>();
        for (Map<String, Object> r : shadowCalls.stockWrites(MAX_LIST)) {
            Map<String, Object> w = new LinkedHashMap<>();
            w.put("writeId", ((Number) r.get("write_id")).longValue());
            w.put("store", r.get("store_id"));
            w.put("at", Instant.ofEpochMilli(((Number) r.get("created_at_ms")).longValue()).toString());
            w.put("itemId", r.get("item_id"));
            w.put("product", r.get("product"));
            w.put("wouldWrite", Math.max(((Number) r.get("target")).intValue(), 0));
            w.put("centraHad", r.get("physical_before"));
            w.put("allocated", r.get("allocated_before"));
            writes.add(w);
        }
        List<Map<String, Object>> calls = shadowCalls.latest(MAX_LIST).stream().map(c -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("at", Instant.ofEpochMilli(c.atMs()).toString());
            m.put("store", c.store());
            m.put("system", c.system());
            m.put("call", c.call());
            m.put("body", c.body());
            return m;
        }).toList();
        return Map.of("mode", config.shadow() ? "shadow" : "live", "stockWrites", writes, "calls", calls);
    }

    @GetMapping("/api/admin/stock/discrepancies")
    ResponseEntity<?> discrepancies(@RequestParam(required = false) String store) {
        if (store != null && config.store(store).isEmpty()) {
            throw unknownStore(store);
        }
        List<Map<String, Object>> out = office.discrepancies(store, MAX_LIST);
        return ResponseEntity.ok(Map.of("discrepancies", out));
    }

    @GetMapping("/api/admin/stock/writes")
    ResponseEntity<?> writes(@RequestParam(required = false) String store) {
        if (store != null && config.store(store).isEmpty()) {
            throw unknownStore(store);
        }
        List<Map<String, Object>> out = office.writes(store);
        return ResponseEntity.ok(Map.of("writes", out));
    }

    @PostMapping("/api/admin/stock/reconcile")
    ResponseEntity<?> reconcile(@RequestParam String store) {
        if (config.store(store).isEmpty()) {
            throw unknownStore(store);
        }
        return ResponseEntity.ok(reconciliation.reconcile(store));
    }

    @GetMapping("/api/admin/catalogue")
    Map<String, Object> catalogueStatus() {
        return Map.of("countries", office.catalogue());
    }

    /** Starts a sync of one country (or all) in the background: 202; its progress shows in GET /api/admin/catalogue. */
    @PostMapping("/api/admin/catalogue/sync")
    ResponseEntity<?> sync(@RequestParam(required = false) String country, @RequestParam(required = false) Boolean full) {
        if (country != null && !config.endpoints().containsKey(country)) {
            throw new AdminInputException("No sync was started.", List.of(new FieldError("country",
                    "no endpoint is configured for country '" + country + "'; configured: " + config.endpoints().keySet())));
        }
        List<String> countries = country == null ? List.copyOf(config.endpoints().keySet()) : List.of(country);
        boolean everything = full != null && full;
        countries.forEach(c -> catalogueJobs.request(c, everything)); // a job each; progress in GET /api/admin/catalogue
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("started", countries, "full", everything));
    }

    private static AdminInputException unknownStore(String store) {
        return new AdminInputException("Unknown store.", List.of(new FieldError("store", "is not a configured store: " + store)));
    }
}
