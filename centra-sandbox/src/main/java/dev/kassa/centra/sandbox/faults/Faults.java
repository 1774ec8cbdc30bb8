package dev.kassa.centra.sandbox.faults;

import dev.kassa.centra.sandbox.state.Settings;
import java.util.List;
import java.util.Optional;
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
    private volatile FaultSet current;

    Faults(Settings settings) {
        this.settings = settings;
        this.current = settings.get(KEY).map(s -> MAPPER.readValue(s, FaultSet.class))
                .orElse(new FaultSet(List.of(), null));
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
