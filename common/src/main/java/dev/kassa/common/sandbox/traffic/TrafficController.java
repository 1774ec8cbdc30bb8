package dev.kassa.common.sandbox.traffic;

import dev.kassa.common.sandbox.AdminInputException;
import dev.kassa.common.sandbox.AdminJson;
import dev.kassa.common.sandbox.FieldError;
import dev.kassa.common.sandbox.SandboxAdminController;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Both sandboxes' HTTP faults and request journal (decision 0020):
 * {@code GET/POST/PUT/DELETE /sandbox/faults/http[/{id}]} and {@code GET/DELETE /sandbox/requests},
 * {@code PUT /sandbox/requests/bodies}.
 */
@SandboxAdminController
public class TrafficController {

    private final HttpFaults faults;
    private final RequestJournal journal;

    TrafficController(HttpFaults faults, RequestJournal journal) {
        this.faults = faults;
        this.journal = journal;
    }

    @GetMapping("/sandbox/faults/http")
    HttpFaults.Listed faults() {
        return faults.list();
    }

    @PostMapping(path = "/sandbox/faults/http", consumes = MediaType.ALL_VALUE)
    ResponseEntity<HttpFault> add(@RequestBody(required = false) byte[] body) {
        return ResponseEntity.status(201).body(faults.add(AdminJson.read(body, HttpFault.class)));
    }

    @PutMapping(path = "/sandbox/faults/http", consumes = MediaType.ALL_VALUE)
    HttpFaults.Listed replace(@RequestBody(required = false) byte[] body) {
        return faults.replace(AdminJson.read(body, HttpFaults.Replace.class));
    }

    @DeleteMapping("/sandbox/faults/http")
    HttpFaults.Listed clear() {
        return faults.replace(new HttpFaults.Replace(List.of()));
    }

    @DeleteMapping("/sandbox/faults/http/{id}")
    ResponseEntity<Object> remove(@PathVariable String id) {
        long n;
        try {
            n = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw AdminInputException.of("id", "must be a fault's number, got '" + id + "'");
        }
        return faults.remove(n) ? ResponseEntity.noContent().build()
                : ResponseEntity.status(404).body(Map.of("detail", "no fault " + n));
    }

    /**
     * The journal, filtered: {@code method}, {@code path} (the path as called starts with it), {@code endpoint}
     * (exactly, as the counts name it), {@code status}, {@code credential}, {@code since} (ISO instant), and
     * {@code limit} (the newest so many, default 100, at most 10,000).
     */
    @GetMapping("/sandbox/requests")
    RequestJournal.View requests(@RequestParam Map<String, String> query) {
        List<FieldError> errors = new ArrayList<>();
        for (String name : query.keySet()) {
            if (!List.of("method", "path", "endpoint", "status", "credential", "since", "limit").contains(name)) {
                errors.add(new FieldError(name, "is not a filter; the filters are method, path, endpoint, status, credential,"
                        + " since and limit"));
            }
        }
        Predicate<RequestJournal.Entry> filter = e -> true;
        String method = query.get("method");
        if (method != null) {
            String m = method.toUpperCase(Locale.ROOT);
            filter = filter.and(e -> e.method().equals(m));
        }
        String path = query.get("path");
        if (path != null) {
            filter = filter.and(e -> e.path().startsWith(path));
        }
        String endpoint = query.get("endpoint");
        if (endpoint != null) {
            filter = filter.and(e -> (e.method() + " " + e.endpoint()).equals(endpoint) || e.endpoint().equals(endpoint));
        }
        String credential = query.get("credential");
        if (credential != null) {
            filter = filter.and(e -> credential.equals(e.credential()));
        }
        Integer status = whole(query, "status", 0, 599, errors);
        if (status != null) {
            filter = filter.and(e -> e.status() == status);
        }
        String since = query.get("since");
        if (since != null) {
            try {
                Instant from = Instant.parse(since);
                filter = filter.and(e -> !e.at().isBefore(from));
            } catch (DateTimeParseException e) {
                errors.add(new FieldError("since", "must be an ISO-8601 instant such as 2026-12-02T10:15:30Z, got '" + since + "'"));
            }
        }
        Integer limit = whole(query, "limit", 1, 10_000, errors);
        if (!errors.isEmpty()) {
            throw new AdminInputException("Bad filters; nothing was read.", errors);
        }
        return journal.view(filter, limit == null ? 100 : limit);
    }

    @DeleteMapping("/sandbox/requests")
    ResponseEntity<Void> reset() {
        journal.reset();
        return ResponseEntity.noContent().build();
    }

    /** {@code {"bodies": true}}: the journal keeps request and answer bodies (up to 4 KiB each) from now on. */
    @PutMapping(path = "/sandbox/requests/bodies", consumes = MediaType.ALL_VALUE)
    Map<String, Boolean> bodies(@RequestBody(required = false) byte[] body) {
        Bodies b = AdminJson.read(body, Bodies.class);
        if (b.bodies() == null) {
            throw AdminInputException.of("bodies", "is required: true or false");
        }
        journal.bodies(b.bodies());
        return Map.of("bodies", journal.bodies());
    }

    record Bodies(Boolean bodies) {
    }

    private static Integer whole(Map<String, String> query, String name, int min, int max, List<FieldError> errors) {
        String value = query.get(name);
        if (value == null) {
            return null;
        }
        try {
            int n = Integer.parseInt(value);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // named below
        }
        errors.add(new FieldError(name, "must be a whole number from " + min + " to " + max + ", got '" + value + "'"));
        return null;
    }
}
