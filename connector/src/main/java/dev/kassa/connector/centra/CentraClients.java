package dev.kassa.connector.centra;

import dev.kassa.centra.api.CentraEndpoint;
import dev.kassa.centra.api.OrderApiClient;
import dev.kassa.centra.api.Pause;
import dev.kassa.centra.api.WriteBudget;
import dev.kassa.connector.config.ConnectorConfig;
import dev.kassa.connector.stock.StockMetrics;
import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.stereotype.Component;

/**
 * The Order API clients of the configured endpoints, one per endpoint, all sharing the one write budget of
 * the Centra environment (one connector node; see docs/decisions/0006).
 */
@Component
public class CentraClients {

    private final WriteBudget budget;
    private final Pause pause;
    private final OrderApiClient.Listener listener;
    private final OrderApiClient.Settings settings;
    private final ConcurrentMap<CentraEndpoint, OrderApiClient> clients = new ConcurrentHashMap<>();

    CentraClients(ConnectorConfig config, Clock clock, Pause pause, StockMetrics metrics) {
        this.budget = new WriteBudget(clock, config.writeBudget());
        this.pause = pause;
        this.listener = metrics::centraCall;
        this.settings = config.clientSettings();
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
