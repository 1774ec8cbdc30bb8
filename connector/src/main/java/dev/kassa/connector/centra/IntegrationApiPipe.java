package dev.kassa.connector.centra;

import dev.kassa.centra.api.CentraException;
import dev.kassa.centra.api.IntegrationApiClient;
import dev.kassa.centra.api.WriteBudget;
import dev.kassa.connector.config.ConnectorConfig;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The stock writer's way to Centra's Integration API (decision 0025): the stores' cycles run at once, and
 * what they ask at about the same time goes out together, one query for every store's reads and one
 * mutation operation (a {@code setStock} per store's warehouse) for their writes. A write takes its slot
 * of the environment's write budget (shared by every node) once for all the stores it carries, so that
 * many shops cost one of Centra's mutations instead of one each; and it waits while Centra's own
 * {@code rateLimits}, read with every query of stock, say no mutation is left.
 */
@Component
public class IntegrationApiPipe implements SmartLifecycle {

    /** Stores per call: at most this many warehouses' parts in one query or one mutation. */
    static final int MAX_PARTS = 50;

    /** One store's read: sizes of one warehouse. */
    record Read(long warehouse, List<Long> sizes) {
    }

    private final CentraClients clients;
    private final java.time.Duration answerWithin;
    private final Coalescer<Read, Map<Long, IntegrationApiClient.SizeStock>> reads;
    private final Coalescer<IntegrationApiClient.WarehouseWrite, IntegrationApiClient.WriteResult> writes;
    private volatile boolean running;
    private final java.util.concurrent.atomic.AtomicLong mutations = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong storeWrites = new java.util.concurrent.atomic.AtomicLong();

    /** Centra's last word on its budget: the windows, when (connector clock), and our mutations sent by then. */
    private record Reported(List<IntegrationApiClient.RateLimit> windows, long atMs, long mutationsThen) {
    }

    private final java.time.Clock clock;
    private volatile Reported reported;

    IntegrationApiPipe(CentraClients clients, ConnectorConfig config, io.micrometer.core.instrument.MeterRegistry meters,
                       java.time.Clock clock) {
        this.clock = clock;
        io.micrometer.core.instrument.FunctionCounter.builder("kassa.centra.integration.mutations", mutations, java.util.concurrent.atomic.AtomicLong::get)
                .description("setStock mutation operations sent to Centra's Integration API (each carries one or more stores)")
                .register(meters);
        io.micrometer.core.instrument.FunctionCounter.builder("kassa.centra.integration.store.writes", storeWrites, java.util.concurrent.atomic.AtomicLong::get)
                .description("stores' writes those mutations carried").register(meters);
        this.clients = clients;
        this.answerWithin = config.clientSettings().connectTimeout().plus(config.clientSettings().requestTimeout());
        this.reads = new Coalescer<>("integration-api-reads", MAX_PARTS, () -> () -> { }, this::readAll);
        this.writes = new Coalescer<>("integration-api-writes", MAX_PARTS, this::slot, this::writeAll);
    }

    /** The sizes' stock in the warehouse, by size id; a size Centra does not know is absent. */
    public Map<Long, IntegrationApiClient.SizeStock> stock(long warehouse, Collection<Long> sizes) {
        return reads.ask(new Read(warehouse, List.copyOf(sizes)));
    }

    /** One store's {@code setStock}, sent with whatever other stores write at about the same time. */
    public IntegrationApiClient.WriteResult setStock(IntegrationApiClient.WarehouseWrite part) {
        return writes.ask(part);
    }

    private IntegrationApiClient client() {
        return clients.integrationApi().orElseThrow(() -> new IllegalStateException("kassa.connector.centra.api is not integration-api"));
    }

    private AutoCloseable slot() throws InterruptedException {
        WriteBudget.Slot slot = clients.budget().acquire(clients.pause());
        while (!slot.sendable(answerWithin)) {
            // the slot's lease in the shared budget would end before the answer: other nodes may count its place free
            slot.done();
            slot = clients.budget().acquire(clients.pause());
        }
        WriteBudget.Slot taken = slot;
        try {
            waitForCentra();
        } catch (InterruptedException e) {
            taken.done();
            throw e;
        }
        return taken::done;
    }

    /**
     * Waits until Centra's own budget, as it last reported it (each query of stock asks for it too), has a
     * mutation left: other integrations spend the same environment's budget, which the configured write
     * budget cannot know. Each window refills at its quota per interval; our mutations since the report
     * are taken off.
     */
    private void waitForCentra() throws InterruptedException {
        Reported r = reported;
        if (r == null) {
            return;
        }
        long waitMs = 0;
        for (IntegrationApiClient.RateLimit w : r.windows()) {
            java.time.Duration interval = switch (w.interval()) {
                case "TEN_SECONDS" -> java.time.Duration.ofSeconds(10);
                case "ONE_HOUR" -> java.time.Duration.ofHours(1);
                default -> null;
            };
            if (!"MUTATION".equals(w.type()) || interval == null || w.quota() <= 0) {
                continue;
            }
            double perMs = (double) w.quota() / interval.toMillis();
            double left = Math.min(w.quota(), w.remaining() + perMs * Math.max(0, clock.millis() - r.atMs()))
                    - (mutations.get() - r.mutationsThen());
            if (left < 1) {
                waitMs = Math.max(waitMs, (long) Math.ceil((1 - left) / perMs));
            }
        }
        if (waitMs > 0) {
            clients.pause().pause(java.time.Duration.ofMillis(waitMs));
        }
    }

    private List<Map<Long, IntegrationApiClient.SizeStock>> readAll(List<Read> asks) {
        Map<Long, Set<Long>> byWarehouse = new LinkedHashMap<>();
        asks.forEach(a -> byWarehouse.computeIfAbsent(a.warehouse(), w -> new LinkedHashSet<>()).addAll(a.sizes()));
        long before = mutations.get();
        IntegrationApiClient.StockAnswer answer = client().stockAndLimits(byWarehouse);
        reported = new Reported(answer.limits(), clock.millis(), before);
        Map<Long, Map<Long, IntegrationApiClient.SizeStock>> found = answer.stock();
        List<Map<Long, IntegrationApiClient.SizeStock>> answers = new ArrayList<>();
        for (Read a : asks) {
            Map<Long, IntegrationApiClient.SizeStock> mine = new LinkedHashMap<>();
            a.sizes().forEach(id -> {
                IntegrationApiClient.SizeStock s = found.get(a.warehouse()).get(id);
                if (s != null) {
                    mine.put(id, s);
                }
            });
            answers.add(mine);
        }
        return answers;
    }

    private List<IntegrationApiClient.WriteResult> writeAll(List<IntegrationApiClient.WarehouseWrite> parts) {
        Set<Long> warehouses = new LinkedHashSet<>();
        for (IntegrationApiClient.WarehouseWrite p : parts) {
            if (!warehouses.add(p.warehouseId())) {
                // two stores never share a warehouse (the configuration refuses it); one store's cycle runs alone
                throw new CentraException("two writes of warehouse " + p.warehouseId() + " in one call", 0, false, null);
            }
        }
        mutations.incrementAndGet();
        storeWrites.addAndGet(parts.size());
        return client().setStock(parts);
    }

    /** Stores' writes waiting for the next mutation (one may be under way beside them). */
    public int waitingWrites() {
        return writes.waiting();
    }

    /** Mutation operations sent so far by this node, and the stores' writes they carried. */
    public long[] sent() {
        return new long[]{mutations.get(), storeWrites.get()};
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        reads.stop();
        writes.stop();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
