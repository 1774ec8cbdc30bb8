package dev.kassa.centra.sandbox.faults;

import dev.kassa.common.sandbox.AdminInputException;
import dev.kassa.common.sandbox.AdminJson;
import dev.kassa.common.sandbox.SandboxAdminController;
import dev.kassa.centra.sandbox.faults.Faults.WebhookFault;
import dev.kassa.common.sandbox.FieldError;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;

/** {@code PUT/GET /sandbox/faults}: replace or read the injected faults; an invalid document changes nothing. */
@SandboxAdminController
class FaultsController {

    private final Faults faults;
    private final JdbcClient jdbc;

    FaultsController(Faults faults, JdbcClient jdbc) {
        this.faults = faults;
        this.jdbc = jdbc;
    }

    @GetMapping("/sandbox/faults")
    Faults.FaultSet get() {
        return faults.current();
    }

    @PutMapping(path = "/sandbox/faults", consumes = MediaType.ALL_VALUE)
    Faults.FaultSet put(@RequestBody(required = false) byte[] body) {
        Faults.FaultSet f = AdminJson.read(body, Faults.FaultSet.class);
        List<FieldError> errors = new ArrayList<>();
        int webhooks = jdbc.sql("select count(*) from centra_webhook").query(Integer.class).single();
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < f.webhooks().size(); i++) {
            WebhookFault w = f.webhooks().get(i);
            String p = "webhooks[" + i + "]";
            if (w == null) {
                errors.add(new FieldError(p, "must be an object"));
                continue;
            }
            if (w.webhook() == null || w.webhook() < 0 || w.webhook() >= webhooks) {
                errors.add(new FieldError(p + ".webhook", "must be the index of a configured webhook (0.."
                        + (webhooks - 1) + ")"));
            } else if (!seen.add(w.webhook())) {
                errors.add(new FieldError(p + ".webhook", "is listed twice"));
            }
            if (w.drop() < 0 || w.drop() > 1) {
                errors.add(new FieldError(p + ".drop", "must be a probability between 0 and 1"));
            }
            if (w.duplicate() < 0 || w.duplicate() > 1) {
                errors.add(new FieldError(p + ".duplicate", "must be a probability between 0 and 1"));
            }
            if (w.delaySeconds() < 0) {
                errors.add(new FieldError(p + ".delaySeconds", "must not be negative"));
            }
        }
        if (f.rateLimit() != null) {
            if (f.rateLimit().writes() == null || f.rateLimit().writes() < 1) {
                errors.add(new FieldError("rateLimit.writes", "must be at least 1"));
            }
            if (f.rateLimit().perSeconds() == null || f.rateLimit().perSeconds() < 1) {
                errors.add(new FieldError("rateLimit.perSeconds", "must be at least 1"));
            }
        }
        if (!errors.isEmpty()) {
            throw new AdminInputException("The faults were not changed.", errors);
        }
        faults.replace(f);
        return faults.current();
    }
}
