package dev.kassa.connector.centra;

import dev.kassa.centra.api.CentraEndpoint;
import dev.kassa.centra.api.IntegrationApiClient;
import dev.kassa.centra.api.OrderApiClient;
import dev.kassa.centra.api.Pause;
import dev.kassa.centra.api.WriteBudget;
import dev.kassa.connector.config.ConnectorConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The Order API clients of the configured endpoints, one per endpoint, all sharing the one write budget of
 * the Centra environment, counted in the database so that every connector node on it shares it too
 * (decisions 0006 and 0021).
 */
@Component
public class CentraClients {

    private final WriteBudget budget;
    private final Pause pause;
    private final OrderApiClient.Listener listener;
    private final OrderApiClient.Settings settings;
    private final ConcurrentMap<CentraEndpoint, OrderApiClient> clients = new ConcurrentHashMap<>();
    private final IntegrationApiClient integrationApi;

    /** How long a write slot may stay open after the answer was due: the reads a stock write makes before it. */
    static final Duration READS_BEFORE_A_WRITE = Duration.ofSeconds(60);

    CentraClients(ConnectorConfig config, Clock clock, Pause pause, OrderApiClient.Listener listener, JdbcClient jdbc,
                  TransactionTemplate tx) {
        this.settings = config.clientSettings();
        this.budget = new WriteBudget(clock, config.writeBudget(), new SharedWriteBudget(jdbc, tx, WriteBudget.longest(config.writeBudget()),
                settings.connectTimeout().plus(settings.requestTimeout()).plus(READS_BEFORE_A_WRITE)));
        this.pause = pause;
        this.listener = listener;
        this.integrationApi = config.integrationApi().map(a -> new IntegrationApiClient(a.baseUrl(), a.token(), pause, settings, listener))
                .orElse(null);
    }

    /**
     * The Integration API client when stock goes through it ({@code kassa.connector.centra.api=integration-api}):
     * one token for every store's warehouse, its writes in the same budget as the Order API's.
     */
    public Optional<IntegrationApiClient> integrationApi() {
        return Optional.ofNullable(integrationApi);
    }

    public OrderApiClient of(CentraEndpoint endpoint) {
        return clients.computeIfAbsent(endpoint, e -> new OrderApiClient(e, budget, pause, settings, listener));
    }

    public WriteBudget budget() {
        return budget;
    }

    public Pause pause() {
        return pause;
    }
}
