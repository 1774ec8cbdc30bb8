package dev.kassa.connector.console;

import dev.kassa.connector.admin.HeadOffice;
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
                      dev.kassa.connector.shipfromstore.SafetyNet safetyNet, org.springframework.context.MessageSource messages,
                      dev.kassa.connector.ShadowCalls shadowCalls) {
        this.shadowCalls = shadowCalls;
        this.messages = messages;
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

    private final org.springframework.context.MessageSource messages;
    private final dev.kassa.connector.ShadowCalls shadowCalls;

    /** The page's words: states, actors and messages in the page's language (see {@link ConsoleLanguage}). */
    private Words words() {
        return new Words(messages, org.springframework.context.i18n.LocaleContextHolder.getLocale());
    }

    /** Times and numbers in {@code zone}, written as the page's language writes them in {@code country}. */
    private static LocalTime time(java.time.ZoneId zone, String country) {
        return new LocalTime(zone, ConsoleLanguage.formats(org.springframework.context.i18n.LocaleContextHolder.getLocale(), country));
    }

    /** States and actors in words on every page of the console. */
    @org.springframework.web.bind.annotation.ModelAttribute("words")
    Words wordsOfPage() {
        return words();
    }

    /** The languages a page offers to switch to. */
    @org.springframework.web.bind.annotation.ModelAttribute("languages")
    List<String> languages() {
        return ConnectorConfig.LANGUAGES;
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
        ConnectorConfig.Store s = store(auth, store);
        model.addAttribute("store", s);
        model.addAttribute("user", auth.getName());
        model.addAttribute("headOffice", ConsoleSecurity.headOffice(auth));
        model.addAttribute("time", time(s.ship().zone(), s.country()));
        model.addAttribute("shadow", config.shadow());
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
        model.addAttribute("time", time(store.ship().zone(), store.country()));
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
        model.addAttribute("rejectReasons", REJECT_REASONS.keySet());
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
        model.addAttribute("time", time(s.ship().zone(), s.country()));
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
        model.addAttribute("time", time(s.ship().zone(), s.country()));
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
        model.addAttribute("time", time(s.ship().zone(), s.country()));
        model.addAttribute("barcode", Barcodes.code128Svg(Long.toString(o.orderNumber()), 60));
        return "console/slip";
    }

    @PostMapping("/console/stores/{store}/offers/{id}/accept")
    String accept(@PathVariable String store, @PathVariable long id, Authentication auth, Model model, HttpServletRequest request) {
        return act(store, auth, model, request, s -> ship.decide(s.id(), id, true, actor(s, auth), "accepted in the console"));
    }

    /** The reasons a clerk picks from when rejecting (head office sees them as these words). */
    static final Map<String, String> REJECT_REASONS = orderedReasons();

    /** In the order the clerk's list shows them. */
    private static Map<String, String> orderedReasons() {
        Map<String, String> reasons = new java.util.LinkedHashMap<>();
        reasons.put("not-in-stock", "not in stock");
        reasons.put("damaged", "damaged");
        reasons.put("cannot-ship-in-time", "cannot ship in time");
        reasons.put("other", "other");
        return java.util.Collections.unmodifiableMap(reasons);
    }

    @PostMapping("/console/stores/{store}/offers/{id}/reject")
    String reject(@PathVariable String store, @PathVariable long id, @RequestParam(required = false) String reasonCode,
                  @RequestParam(required = false) String reason, Authentication auth, Model model, HttpServletRequest request) {
        String text = reason == null ? "" : reason.trim();
        String code = reasonCode == null || reasonCode.isBlank() ? (text.isEmpty() ? null : "other") : reasonCode;
        if (code == null || !REJECT_REASONS.containsKey(code) || code.equals("other") && text.isEmpty()) {
            ConnectorConfig.Store s = store(auth, store);
            Offers.Offer o = offer(s, id); // another store's offer: 404, its order number stays unsaid
            fill(model, s, words().say("message.rejectNeedsReason", Long.toString(o.orderNumber())));
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
            fill(model, store(auth, store), words().say("message.tooLong"));
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
            message = refusal(e, s);
        }
        fill(model, s, message);
        return view(request, storeId);
    }

    /** A refusal in the clerk's language: states in words, a deadline in the shop's time. */
    private String refusal(ShipFromStore.Refused e, ConnectorConfig.Store s) {
        Object[] args = e.args();
        Words words = words();
        if (args.length > 1 && (e.code().equals("not-offered") || e.code().equals("not-in-till"))) {
            args[1] = words.state((String) args[1]);
        } else if (args.length > 1 && e.code().equals("expired")) {
            args[1] = time(s.ship().zone(), s.country()).minutes((Long) args[1]);
        }
        return messages.getMessage("refused." + e.code(), args, e.getMessage(), org.springframework.context.i18n.LocaleContextHolder.getLocale());
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

    /** The offer states head office filters by, in the order of an offer's life. */
    static final List<String> OFFER_STATES = List.of("offered", "accepting", "rejecting", "accepted", "in_till", "shipping",
            "shipped", "rejected", "expired", "lost", "failed", "shadowed");

    @GetMapping("/console/office")
    String office(@RequestParam(required = false) String store, @RequestParam(required = false) String kind,
                  @RequestParam(required = false) String state, @RequestParam(required = false) String from,
                  @RequestParam(required = false) String to, Authentication auth, Model model) {
        headOfficeOnly(auth);
        Words words = words();
        LocalTime time = time(config.centraTimeZone(), null);
        model.addAttribute("user", auth.getName());
        model.addAttribute("stores", config.stores());
        Map<String, Integer> open = new java.util.HashMap<>();
        Map<String, String> storeNames = new java.util.HashMap<>();
        for (ConnectorConfig.Store s : config.stores()) {
            open.put(s.id(), offers.count(s.id(), Set.of("offered"))); // waiting for the store's decision
            storeNames.put(s.id(), s.name());
        }
        model.addAttribute("open", open);
        model.addAttribute("storeNames", storeNames);
        // one filter for what needs attention and for the offers of every store: a store, a kind, a state, a date range
        Set<String> stores = store != null && storeNames.containsKey(store) ? Set.of(store) : Set.of();
        Set<String> kinds = kind != null && HeadOffice.ATTENTION_KINDS.contains(kind) ? Set.of(kind) : Set.of();
        Set<String> states = state != null && OFFER_STATES.contains(state) ? Set.of(state) : Set.of();
        List<String> problems = new java.util.ArrayList<>();
        Long fromMs = day(from, time, words.say("office.filter.from"), problems);
        Long toDay = day(to, time, words.say("office.filter.to"), problems);
        // the whole of the "to" day, which is 23 or 25 hours long when the clocks change
        Long toMs = toDay == null ? null
                : java.time.Instant.ofEpochMilli(toDay).atZone(time.zone()).plusDays(1).toInstant().toEpochMilli();
        model.addAttribute("filter", Map.of("store", stores.isEmpty() ? "" : store, "kind", kinds.isEmpty() ? "" : kind,
                "state", states.isEmpty() ? "" : state, "from", fromMs == null ? "" : from.trim(), "to", toDay == null ? "" : to.trim()));
        model.addAttribute("filterProblems", problems);
        model.addAttribute("kinds", HeadOffice.ATTENTION_KINDS);
        model.addAttribute("offerStates", OFFER_STATES);
        List<Map<String, Object>> attention = new java.util.ArrayList<>();
        for (HeadOffice.Attention a : office.attention(stores, kinds, fromMs, toMs, 300)) {
            Object[] args = switch (a.kind()) {
                case "failed" -> new Object[]{a.detail()};
                case "stuck" -> new Object[]{words.state(a.state()), a.failures(), a.detail()};
                case "overdue" -> new Object[]{words.state(a.state()), a.hoursOpen()};
                case "dead-letter" -> new Object[]{a.detail(), a.transactionId(), Integer.toString(a.lineNumber())};
                default -> new Object[]{a.itemId(), a.wanted(), a.stored()};
            };
            Map<String, Object> row = new java.util.HashMap<>();
            row.put("kind", a.kind());
            row.put("store", storeNames.getOrDefault(a.store(), a.store()));
            row.put("order", a.orderNumber() == null ? "" : Long.toString(a.orderNumber()));
            row.put("offer", a.offerId());
            row.put("storeId", a.store());
            row.put("item", a.itemId() == null ? "" : a.itemId());
            row.put("at", a.atMs());
            row.put("what", words.say("attention." + a.kind() + ".what", args));
            row.put("todo", words.say("attention." + a.kind() + ".todo"));
            attention.add(row);
        }
        model.addAttribute("attention", attention);
        List<Offers.Offer> found = kinds.isEmpty() ? offers.search(stores, states, fromMs, toMs, 100) : List.of();
        model.addAttribute("allOffers", found);
        model.addAttribute("offerReasons", offers.lastReasons(found.stream().map(Offers.Offer::offerId).toList()));
        model.addAttribute("webhookStores", webhookStores(inbox.latest(50)));
        model.addAttribute("unseen", safetyNet.unseen());
        model.addAttribute("rejections", offers.rejections(50));
        model.addAttribute("time", time);
        model.addAttribute("stock", office.stock());
        model.addAttribute("catalogue", office.catalogue());
        model.addAttribute("deadLetters", office.deadLetters(null, 100));
        var limited = meters.find("kassa.centra.rate.limited").counter();
        model.addAttribute("rateLimited", limited == null ? 0 : (long) limited.count());
        model.addAttribute("webhooks", inbox.latest(50));
        model.addAttribute("shadow", config.shadow());
        model.addAttribute("shadowWrites", config.shadow() ? shadowCalls.stockWrites(50) : List.of());
        model.addAttribute("shadowCalls", config.shadow() ? shadowCalls.latest(50) : List.of());
        return "console/office";
    }

    /**
     * A date of the filter ({@code yyyy-mm-dd}) as the moment its day starts in {@code time}'s zone; null when
     * blank, and when it is not a date (then {@code problems} says so and the filter leaves it out).
     */
    private static Long day(String date, LocalTime time, String field, List<String> problems) {
        if (date == null || date.isBlank()) {
            return null;
        }
        try {
            java.time.LocalDate d = java.time.LocalDate.parse(date.trim());
            if (d.getYear() < 2000 || d.getYear() > 9999) {
                throw new java.time.format.DateTimeParseException("out of range", date, 0);
            }
            return d.atStartOfDay(time.zone()).toInstant().toEpochMilli();
        } catch (java.time.format.DateTimeParseException e) {
            problems.add(field);
            return null;
        }
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
