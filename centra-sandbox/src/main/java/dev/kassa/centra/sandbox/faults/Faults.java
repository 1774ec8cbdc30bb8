package dev.kassa.centra.sandbox.faults;

import dev.kassa.centra.sandbox.state.Settings;
import dev.kassa.common.sandbox.AdminInputException;
import dev.kassa.common.sandbox.FieldError;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The faults the sandbox injects at run time ({@code PUT /sandbox/faults}): per webhook instance drop,
 * duplicate, reorder and delay, and Centra-style rate limiting of Order API writes. Kept in the settings
 * table, so they survive a restart, and cached here because every call reads them.
 */
@Component
public class Faults {

    /**
     * @param webhook      index of the webhook instance in the dataset's {@code webhooks}
     * @param drop         probability that a call is never sent
     * @param duplicate    probability that a call is sent twice
     * @param reorder      newest events first, shuffled within each call
     * @param delaySeconds events wait this long (sandbox clock) before their first attempt
     */
    public record WebhookFault(Integer webhook, Double drop, Double duplicate, Boolean reorder, Long delaySeconds) {
        public WebhookFault {
            drop = drop == null ? 0 : drop;
            duplicate = duplicate == null ? 0 : duplicate;
            reorder = reorder != null && reorder;
            delaySeconds = delaySeconds == null ? 0 : delaySeconds;
        }
    }

    /** At most {@code writes} Order API writes per {@code perSeconds} seconds, across all plugin instances. */
    public record RateLimit(Integer writes, Integer perSeconds) {
    }

    public record FaultSet(List<WebhookFault> webhooks, RateLimit rateLimit) {
        public FaultSet {
            webhooks = webhooks == null ? List.of() : webhooks;
        }
    }

    static final String KEY = "faults";
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private final Settings settings;
    private final JdbcClient jdbc;
    private volatile FaultSet current;

    Faults(Settings settings, JdbcClient jdbc) {
        this.settings = settings;
        this.jdbc = jdbc;
        this.current = settings.get(KEY).map(s -> MAPPER.readValue(s, FaultSet.class))
                .orElse(new FaultSet(List.of(), null));
    }

    /**
     * Replaces the faults with {@code f} after checking it; every problem comes back with its path in one
     * {@link AdminInputException}, and then nothing changes.
     */
    public FaultSet set(FaultSet f) {
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
        replace(f);
        return current;
    }

    public FaultSet current() {
        return current;
    }

    public Optional<WebhookFault> forWebhook(int position) {
        return current.webhooks().stream().filter(w -> w.webhook() == position).findFirst();
    }

    void replace(FaultSet faults) {
        settings.put(KEY, MAPPER.writeValueAsString(faults));
        current = faults;
    }
}
