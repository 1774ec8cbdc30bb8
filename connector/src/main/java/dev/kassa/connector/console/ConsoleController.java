package dev.kassa.connector.console;

import dev.kassa.connector.config.ConnectorConfig;
import dev.kassa.connector.db.Columns;
import dev.kassa.connector.shipfromstore.Offers;
import dev.kassa.connector.shipfromstore.ShipFromStore;
import dev.kassa.connector.webhook.WebhookInbox;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The store console (docs/console.md): a store's incoming offers with their countdown and lines, Accept and
 * Reject (with a reason), the pick list of accepted orders with "Mark shipped", and the history; head
 * office's overview of every store. Staff of one store never see another store's offers: another store's
 * pages answer 403, another store's offer 404 (as one that does not exist).
 */
@Controller
class ConsoleController {

    static final Set<String> OPEN = Set.of("offered");
    static final Set<String> TO_PACK = Set.of("accepting", "accepted", "in_till", "shipping");

    private final ConnectorConfig config;
    private final Offers offers;
    private final ShipFromStore ship;
    private final OfferLines lines;
    private final ConsoleEvents events;
    private final WebhookInbox inbox;
    private final Clock clock;
    private final dev.kassa.connector.admin.HeadOffice office;
    private final io.micrometer.core.instrument.MeterRegistry meters;
    private final dev.kassa.connector.shipfromstore.SafetyNet safetyNet;

    ConsoleController(ConnectorConfig config, Offers offers, ShipFromStore ship, OfferLines lines, ConsoleEvents events,
                      WebhookInbox inbox, Clock clock, dev.kassa.connector.admin.HeadOffice office,
                      io.micrometer.core.instrument.MeterRegistry meters,
                      dev.kassa.connector.shipfromstore.SafetyNet safetyNet) {
        this.safetyNet = safetyNet;
        this.office = office;
        this.meters = meters;
        this.config = config;
        this.offers = offers;
        this.ship = ship;
        this.lines = lines;
        this.events = events;
        this.inbox = inbox;
        this.clock = clock;
    }

    private static final Words WORDS = new Words();

    /** States and actors in words on every page of the console. */
    @org.springframework.web.bind.annotation.ModelAttribute("words")
    Words words() {
        return WORDS;
    }

    /** The console's refusals as a page (the APIs answer problem details; a person gets HTML). */
    @org.springframework.web.bind.annotation.ExceptionHandler(ResponseStatusException.class)
    String refused(ResponseStatusException e, jakarta.servlet.http.HttpServletResponse response, Model model) {
        response.setStatus(e.getStatusCode().value());
        model.addAttribute("status", e.getStatusCode().value());
        model.addAttribute("error", e.getReason());
        return "error";
    }

    @GetMapping("/login")
    String login() {
        return "console/login";
    }

    /** The connector's front door leads to the console (and so to its log-in). */
    @GetMapping("/")
    String root() {
        return "redirect:/console";
    }

    @GetMapping("/console")
    String home(Authentication auth) {
        return ConsoleSecurity.storeOf(auth).map(s -> "redirect:/console/stores/" + s).orElse("redirect:/console/office");
    }

    /** The store the user may see at this path; 403 for staff of another store. */
    private ConnectorConfig.Store store(Authentication auth, String storeId) {
        boolean allowed = ConsoleSecurity.headOffice(auth) || ConsoleSecurity.storeOf(auth).filter(storeId::equals).isPresent();
        if (!allowed) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "this log-in is not of store " + storeId);
        }
        return config.store(storeId).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no store " + storeId));
    }

    private Offers.Offer offer(ConnectorConfig.Store store, long id) {
        return offers.get(id).filter(o -> o.storeId().equals(store.id()))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no offer " + id));
    }

    @GetMapping("/console/stores/{store}")
    String storePage(@PathVariable String store, Authentication auth, Model model) {
        model.addAttribute("store", store(auth, store));
        model.addAttribute("user", auth.getName());
        model.addAttribute("headOffice", ConsoleSecurity.headOffice(auth));
        return "console/store";
    }

    /** The live part of the store page: incoming offers, the pick list, the latest history (htmx reloads it). */
    @GetMapping("/console/stores/{store}/offers")
    String offersFragment(@PathVariable String store, Authentication auth, Model model) {
        fill(model, store(auth, store), null);
        return "console/fragments :: offers";
    }

    private void fill(Model model, ConnectorConfig.Store store, String message) {
        List<Offers.Offer> all = offers.ofStore(store.id(), Set.of(), 200);
        model.addAttribute("store", store);
        model.addAttribute("time", new LocalTime(store.ship().zone()));
        // the most urgent first: nearest moment this shop loses the order, then newest
        Map<Long, Long> losesAt = new java.util.HashMap<>();
        for (Offers.Offer o : all) {
            Long at = losesAt(o, store);
            if (at != null) {
                losesAt.put(o.offerId(), at);
            }
        }
        model.addAttribute("losesAt", losesAt);
        model.addAttribute("incoming", all.stream().filter(o -> OPEN.contains(o.state()))
                .sorted(java.util.Comparator.<Offers.Offer>comparingLong(o -> losesAt.getOrDefault(o.offerId(), Long.MAX_VALUE))
                        .thenComparing(java.util.Comparator.comparingLong(Offers.Offer::offerId).reversed())).toList());
        model.addAttribute("toPack", all.stream().filter(o -> TO_PACK.contains(o.state())).toList());
        List<Offers.Offer> done = all.stream().filter(o -> Offers.FINAL.contains(o.state())).limit(30).toList();
        model.addAttribute("done", done);
        // what went wrong in the last day stays on top until the day is over; every outcome says why
        long dayAgo = clock.millis() - 86_400_000L;
        List<Offers.Offer> failed = done.stream().filter(o -> o.state().equals("failed") && o.updatedAtMs() >= dayAgo).toList();
        model.addAttribute("failed", failed);
        model.addAttribute("reasons", offers.lastReasons(done.stream().map(Offers.Offer::offerId).toList()));
        model.addAttribute("now", clock.millis());
        model.addAttribute("message", message);
    }

    /**
     * When this shop loses an undecided offer: the connector rejects it {@code reject-margin-seconds} before
     * Centra's deadline (or later for an allocation request found late); null when nothing will reject it.
     */
    private Long losesAt(Offers.Offer o, ConnectorConfig.Store store) {
        if (!o.state().equals("offered") || o.variant().equals("allocation-request") && store.ship().byRules()) {
            return null;
        }
        return ShipFromStore.rejectAt(o, config.shipFromStore().rejectMargin().toMillis());
    }

    @GetMapping("/console/stores/{store}/offers/{id}/lines")
    String linesFragment(@PathVariable String store, @PathVariable long id, Authentication auth, Model model) {
        ConnectorConfig.Store s = store(auth, store);
        Offers.Offer o = offer(s, id);
        model.addAttribute("offer", o);
        model.addAttribute("lines", lines.of(o, s, o.state().equals("offered")));
        return "console/fragments :: lines";
    }

    @GetMapping("/console/stores/{store}/offers/{id}")
    String offerPage(@PathVariable String store, @PathVariable long id, Authentication auth, Model model) {
        ConnectorConfig.Store s = store(auth, store);
        Offers.Offer o = offer(s, id);
        model.addAttribute("store", s);
        model.addAttribute("offer", o);
        model.addAttribute("user", auth.getName());
        model.addAttribute("history", offers.transitions(id));
        model.addAttribute("losesAt", losesAt(o, s));
        model.addAttribute("time", new LocalTime(s.ship().zone()));
        model.addAttribute("lines", lines.of(o, s, o.state().equals("offered")));
        return "console/offer";
    }

    /** A packing slip to print: the order number as a Code 128 barcode, the address, the lines with size and EAN. */
    @GetMapping("/console/stores/{store}/offers/{id}/slip")
    String slip(@PathVariable String store, @PathVariable long id, Authentication auth, Model model) {
        ConnectorConfig.Store s = store(auth, store);
        Offers.Offer o = offer(s, id);
        model.addAttribute("store", s);
        model.addAttribute("offer", o);
        model.addAttribute("user", auth.getName());
        model.addAttribute("lines", lines.of(o, s, false));
        model.addAttribute("barcode", Barcodes.code128Svg(Long.toString(o.orderNumber()), 60));
        return "console/slip";
    }

    @PostMapping("/console/stores/{store}/offers/{id}/accept")
    String accept(@PathVariable String store, @PathVariable long id, Authentication auth, Model model, HttpServletRequest request) {
        return act(store, auth, model, request, s -> ship.decide(s.id(), id, true, actor(s, auth), "accepted in the console"));
    }

    /** The reasons a clerk picks from when rejecting (head office sees them as these words). */
    static final Map<String, String> REJECT_REASONS = Map.of("not-in-stock", "not in stock", "damaged", "damaged",
            "cannot-ship-in-time", "cannot ship in time", "other", "other");

    @PostMapping("/console/stores/{store}/offers/{id}/reject")
    String reject(@PathVariable String store, @PathVariable long id, @RequestParam(required = false) String reasonCode,
                  @RequestParam(required = false) String reason, Authentication auth, Model model, HttpServletRequest request) {
        String text = reason == null ? "" : reason.trim();
        String code = reasonCode == null || reasonCode.isBlank() ? (text.isEmpty() ? null : "other") : reasonCode;
        if (code == null || !REJECT_REASONS.containsKey(code) || code.equals("other") && text.isEmpty()) {
            ConnectorConfig.Store s = store(auth, store);
            Offers.Offer o = offer(s, id); // another store's offer: 404, its order number stays unsaid
            fill(model, s, "A reject needs a reason: pick why the store cannot ship order " + o.orderNumber()
                    + " (with \"other\", say what).");
            return view(request, store);
        }
        String why = code.equals("other") ? text : REJECT_REASONS.get(code) + (text.isEmpty() ? "" : ": " + text);
        return act(store, auth, model, request, s -> {
            Offers.Offer o = ship.decide(s.id(), id, false, actor(s, auth), Columns.fit(why, 400));
            if (code.equals("not-in-stock")) {
                ship.notInStock(s.id(), id, actor(s, auth));
            }
            return o;
        });
    }

    @PostMapping("/console/stores/{store}/offers/{id}/shipped")
    String shipped(@PathVariable String store, @PathVariable long id, @RequestParam(required = false) String carrier,
                   @RequestParam(required = false) String tracking, @RequestParam(defaultValue = "false") boolean noTracking,
                   Authentication auth, Model model, HttpServletRequest request) {
        if (carrier != null && carrier.length() > 80 || tracking != null && tracking.length() > 120) {
            fill(model, store(auth, store), "Carrier: at most 80 characters; tracking: at most 120. Nothing was changed.");
            return view(request, store);
        }
        return act(store, auth, model, request, s -> ship.shipped(s.id(), id, blankToNull(carrier), blankToNull(tracking), noTracking,
                actor(s, auth)));
    }

    private String act(String storeId, Authentication auth, Model model, HttpServletRequest request,
                       java.util.function.Function<ConnectorConfig.Store, Offers.Offer> action) {
        ConnectorConfig.Store s = store(auth, storeId);
        String message = null;
        try {
            action.apply(s);
        } catch (ShipFromStore.Refused e) {
            if (e.notFound()) {
                throw new ResponseStatusException(HttpStatus.NOT_FOUND, e.getMessage());
            }
            message = e.getMessage();
        }
        fill(model, s, message);
        return view(request, storeId);
    }

    /** htmx swaps the fragment; a plain form post (no JavaScript) gets the whole page back. */
    private static String view(HttpServletRequest request, String store) {
        return request.getHeader("HX-Request") != null ? "console/fragments :: offers" : "redirect:/console/stores/" + store;
    }

    private static String actor(ConnectorConfig.Store s, Authentication auth) {
        return "staff:" + s.id() + ":" + Columns.fit(auth.getName(), 40);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    @GetMapping(path = "/console/stores/{store}/events", produces = "text/event-stream")
    @ResponseBody
    SseEmitter storeEvents(@PathVariable String store, Authentication auth) {
        return events.subscribe(store(auth, store).id());
    }

    // ---- head office -----------------------------------------------------------------------------------------

    private void headOfficeOnly(Authentication auth) {
        if (!ConsoleSecurity.headOffice(auth)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "head office only");
        }
    }

    /** Per webhook event (by its seq), the configured stores its warehouses belong to. */
    private Map<Long, String> webhookStores(List<WebhookInbox.Logged> events) {
        Map<Long, String> out = new java.util.HashMap<>();
        for (WebhookInbox.Logged e : events) {
            try {
                tools.jackson.databind.JsonNode data = JSON.readTree(e.body()).path("data");
                java.util.Set<String> names = new java.util.TreeSet<>();
                java.util.function.Consumer<tools.jackson.databind.JsonNode> add = w -> {
                    if (w.canConvertToLong()) {
                        config.storeOfWarehouse(w.asLong()).ifPresent(s -> names.add(s.name()));
                    }
                };
                add.accept(data.path("warehouseId"));
                data.path("warehouses").forEach(w -> add.accept(w.path("warehouseId")));
                out.put(e.seq(), String.join(", ", names));
            } catch (RuntimeException ex) {
                out.put(e.seq(), "");
            }
        }
        return out;
    }

    private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder().build();

    @GetMapping("/console/office")
    String office(@RequestParam(required = false) String store, Authentication auth, Model model) {
        headOfficeOnly(auth);
        model.addAttribute("user", auth.getName());
        model.addAttribute("stores", config.stores());
        Map<String, Integer> open = new java.util.HashMap<>();
        for (ConnectorConfig.Store s : config.stores()) {
            open.put(s.id(), offers.count(s.id(), Set.of("offered"))); // waiting for the store's decision
        }
        model.addAttribute("open", open);
        // what a person must act on, across stores: offers that failed (a till order under another channel's reference,
        // a till order deleted, ...), offers the connector keeps failing to move, orders overdue to ship
        List<Map<String, Object>> failed = new java.util.ArrayList<>();
        long now = clock.millis();
        long due = config.shipFromStore().due().toMillis();
        for (ConnectorConfig.Store s : config.stores()) {
            if (store != null && !store.isBlank() && !store.equals(s.id())) {
                continue;
            }
            List<Offers.Offer> mine = offers.ofStore(s.id(), Set.of(), 500);
            Map<Long, String> reasons = offers.lastReasons(mine.stream().map(Offers.Offer::offerId).toList());
            for (Offers.Offer o : mine) {
                String what = null;
                String todo = null;
                if (o.state().equals("failed")) {
                    what = reasons.getOrDefault(o.offerId(), "");
                    todo = "see what went wrong; put the order in the till by hand or reallocate it in Centra";
                } else if (!Offers.FINAL.contains(o.state()) && o.failures() >= 3) {
                    what = "Kassa has tried " + o.failures() + " times to move it on (" + WORDS.state(o.state()) + "): " + o.lastError();
                    todo = "check that Centra and Centara answer; it goes on by itself once they do";
                } else if (Set.of("accepted", "in_till").contains(o.state()) && now - o.updatedAtMs() > due) {
                    what = "accepted " + (now - o.updatedAtMs()) / 3_600_000 + " h ago and not shipped yet (" + WORDS.state(o.state()) + ")";
                    todo = "ask the store to ship it, or close it at the till once shipped";
                }
                if (what != null) {
                    failed.add(Map.of("store", s.name(), "order", o.orderNumber(), "offer", o.offerId(), "reason", what,
                            "todo", todo, "at", o.updatedAtMs()));
                }
            }
        }
        model.addAttribute("storeFilter", store == null ? "" : store);
        model.addAttribute("webhookStores", webhookStores(inbox.latest(50)));
        model.addAttribute("failedOffers", failed);
        model.addAttribute("unseen", safetyNet.unseen());
        model.addAttribute("rejections", offers.rejections(50));
        model.addAttribute("time", new LocalTime(config.centraTimeZone()));
        model.addAttribute("stock", office.stock());
        model.addAttribute("catalogue", office.catalogue());
        model.addAttribute("deadLetters", office.deadLetters(null, 100));
        var limited = meters.find("kassa.centra.rate.limited").counter();
        model.addAttribute("rateLimited", limited == null ? 0 : (long) limited.count());
        model.addAttribute("webhooks", inbox.latest(50));
        return "console/office";
    }

    /** Head office puts a store's dead letters back in the stock writer's queue (after fixing their cause). */
    @PostMapping("/console/office/stores/{store}/replay")
    String replay(@PathVariable String store, Authentication auth) {
        headOfficeOnly(auth);
        if (config.store(store).isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no store " + store);
        }
        office.replay(store, List.of());
        return "redirect:/console/office";
    }

    /** Head office discards one dead letter for good (it is kept, marked discarded with who did it). */
    @PostMapping("/console/office/dead-letters/discard")
    String discard(@RequestParam String transactionId, @RequestParam int lineNumber, Authentication auth) {
        headOfficeOnly(auth);
        if (!Columns.fitsAsIs(transactionId, 60)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "transactionId: not a TransactionId");
        }
        office.discard(null, List.<Object[]>of(new Object[]{transactionId, lineNumber}), auth.getName());
        return "redirect:/console/office";
    }

    @GetMapping(path = "/console/office/events", produces = "text/event-stream")
    @ResponseBody
    SseEmitter officeEvents(Authentication auth) {
        headOfficeOnly(auth);
        return events.subscribe(ConsoleEvents.ALL);
    }
}
