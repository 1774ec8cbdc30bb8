package dev.kassa.connector.shipfromstore;

import dev.kassa.common.sandbox.AdminInputException;
import dev.kassa.common.sandbox.FieldError;
import dev.kassa.connector.config.ConnectorConfig;
import dev.kassa.connector.db.Columns;
import dev.kassa.connector.web.ApiProblem;
import dev.kassa.connector.webhook.WebhookInbox;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The ship-from-store API. A store's own ({@code /api/stores/{store}/offers…}, with the store's key as
 * bearer token): its offers, accept, reject with a reason, mark shipped. Another store's offers answer 404,
 * exactly like offers that do not exist. Head office ({@code /api/admin/offers}, {@code /api/admin/webhooks},
 * admin token): every store's offers and the webhook inbox.
 */
@RestController
class OffersController {

    private final ConnectorConfig config;
    private final Offers offers;
    private final ShipFromStore ship;
    private final WebhookInbox inbox;

    private final SafetyNet safetyNet;

    OffersController(ConnectorConfig config, Offers offers, ShipFromStore ship, WebhookInbox inbox, SafetyNet safetyNet) {
        this.safetyNet = safetyNet;
        this.config = config;
        this.offers = offers;
        this.ship = ship;
        this.inbox = inbox;
    }

    @GetMapping("/api/stores/{store}/offers")
    ResponseEntity<?> list(@PathVariable String store, @RequestParam(required = false) String state) {
        Set<String> states = state == null || state.isBlank() ? Set.of() : Set.of(state.split(","));
        return ResponseEntity.ok(Map.of("offers", offers.ofStore(store, states, 500).stream().map(o -> json(o, false)).toList()));
    }

    @GetMapping("/api/stores/{store}/offers/{id}")
    ResponseEntity<?> one(@PathVariable String store, @PathVariable long id) {
        return offers.get(id).filter(o -> o.storeId().equals(store)).<ResponseEntity<?>>map(o -> ResponseEntity.ok(json(o, true)))
                .orElseThrow(() -> new ApiProblem(HttpStatus.NOT_FOUND, "no offer " + id));
    }

    @PostMapping("/api/stores/{store}/offers/{id}/accept")
    ResponseEntity<?> accept(@PathVariable String store, @PathVariable long id, @RequestBody(required = false) JsonNode body) {
        return decide(store, id, true, body);
    }

    @PostMapping("/api/stores/{store}/offers/{id}/reject")
    ResponseEntity<?> reject(@PathVariable String store, @PathVariable long id, @RequestBody(required = false) JsonNode body) {
        return decide(store, id, false, body);
    }

    private ResponseEntity<?> decide(String store, long id, boolean accept, JsonNode body) {
        String reason = text(body, "reason");
        String who = text(body, "by");
        if (!accept && (reason == null || reason.isBlank())) {
            throw new AdminInputException("A reject needs a reason.", List.of(new FieldError("reason",
                    "is required for a reject, e.g. \"out of stock on the shelf\"")));
        }
        String actor = "staff:" + store + (who == null || who.isBlank() ? "" : ":" + Columns.fit(who, 40));
        boolean notInStock = !accept && "not-in-stock".equals(text(body, "reasonCode"));
        return act(() -> {
            Offers.Offer o = ship.decide(store, id, accept, actor, reason == null ? (accept ? "accepted by the store" : null)
                    : Columns.fit(reason, 400));
            if (notInStock) {
                ship.notInStock(store, id, actor);
            }
            return o;
        });
    }

    @PostMapping("/api/stores/{store}/offers/{id}/shipped")
    ResponseEntity<?> shipped(@PathVariable String store, @PathVariable long id, @RequestBody(required = false) JsonNode body) {
        String carrier = text(body, "carrier");
        String tracking = text(body, "tracking");
        List<FieldError> errors = new ArrayList<>();
        if (carrier != null && carrier.length() > 80) {
            errors.add(new FieldError("carrier", "at most 80 characters"));
        }
        if (tracking != null && tracking.length() > 120) {
            errors.add(new FieldError("tracking", "at most 120 characters"));
        }
        if (!errors.isEmpty()) {
            throw new AdminInputException("Nothing was changed.", errors);
        }
        boolean noTracking = body != null && body.path("noTracking").asBoolean(false);
        return act(() -> ship.shipped(store, id, carrier, tracking, noTracking, "staff:" + store));
    }

    /** The offer after the action; a refusal is a 404 or 409 problem ({@link ShipFromStore.Refused}). */
    private ResponseEntity<?> act(java.util.function.Supplier<Offers.Offer> action) {
        return ResponseEntity.ok(json(action.get(), true));
    }

    @GetMapping("/api/admin/offers")
    Map<String, Object> all(@RequestParam(required = false) String store, @RequestParam(required = false) String state) {
        Set<String> states = state == null || state.isBlank() ? Set.of() : Set.of(state.split(","));
        List<Map<String, Object>> out = new ArrayList<>();
        for (ConnectorConfig.Store s : config.stores()) {
            if (store == null || store.equals(s.id())) {
                offers.ofStore(s.id(), states, 500).forEach(o -> out.add(json(o, false)));
            }
        }
        return Map.of("offers", out);
    }

    /** Orders Centra allocated to a store that the connector never had an offer of (the safety net's blind spot). */
    @GetMapping("/api/admin/offers/unseen")
    Map<String, Object> unseen() {
        List<Map<String, Object>> list = safetyNet.unseen();
        return Map.of("count", list.size(), "orders", list);
    }

    @GetMapping("/api/admin/offers/{id}")
    ResponseEntity<?> adminOne(@PathVariable long id) {
        return offers.get(id).<ResponseEntity<?>>map(o -> ResponseEntity.ok(json(o, true)))
                .orElseThrow(() -> new ApiProblem(HttpStatus.NOT_FOUND, "no offer " + id));
    }

    @GetMapping("/api/admin/webhooks")
    Map<String, Object> webhooks(@RequestParam(defaultValue = "100") int limit) {
        return Map.of("events", inbox.latest(Math.max(1, Math.min(limit, 1000))).stream().map(l -> {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("seq", l.seq());
            e.put("receivedAt", Instant.ofEpochMilli(l.receivedAtMs()).toString());
            e.put("type", l.type());
            e.put("action", l.action());
            e.put("id", l.centraId());
            e.put("state", l.state());
            e.put("attempts", l.attempts());
            e.put("detail", l.detail());
            e.put("event", l.body());
            return e;
        }).toList());
    }

    private Map<String, Object> json(Offers.Offer o, boolean withHistory) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("id", o.offerId());
        j.put("variant", o.variant());
        j.put("order", o.orderNumber());
        j.put("store", o.storeId());
        j.put("warehouse", o.warehouseId());
        j.put("requestId", o.requestId());
        j.put("state", o.state());
        j.put("deadline", o.deadlineMs() == null ? null : Instant.ofEpochMilli(o.deadlineMs()).toString());
        j.put("decidedBy", o.decidedBy());
        j.put("centaraOrderId", o.centaraOrderId());
        j.put("carrier", o.carrier());
        j.put("tracking", o.tracking());
        j.put("shipment", o.shipmentId());
        j.put("lastError", o.lastError());
        if (withHistory) {
            j.put("history", offers.transitions(o.offerId()).stream().map(t -> {
                Map<String, Object> h = new LinkedHashMap<>();
                h.put("from", t.from());
                h.put("to", t.to());
                h.put("at", Instant.ofEpochMilli(t.atMs()).toString());
                h.put("by", t.actor());
                h.put("why", t.reason());
                return h;
            }).toList());
        }
        return j;
    }

    private static String text(JsonNode body, String field) {
        if (body == null || !body.isObject()) {
            return null;
        }
        JsonNode v = body.get(field);
        return v == null || v.isNull() ? null : v.asString();
    }
}
