package dev.kassa.common.sandbox.traffic;

import dev.kassa.common.sandbox.AdminInputException;
import dev.kassa.common.sandbox.AdminJson;
import dev.kassa.common.sandbox.FieldError;
import dev.kassa.common.sandbox.SettingsTable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The sandbox's named HTTP faults (decision 0020): kept in the sandbox's settings table, so they survive a
 * restart with their hit counts; the first fault aimed at a call whose dice say yes hits it. Each fault draws
 * from its own generator, seeded by its {@code seed}, so the same calls in the same order are hit again on a
 * re-run (the generators start afresh when the sandbox restarts).
 */
public class HttpFaults {

    static final String KEY = "faults.http";

    /** What is stored: the faults and the next id. */
    record Stored(List<HttpFault> faults, long nextId) {
        Stored {
            faults = faults == null ? List.of() : List.copyOf(faults);
        }
    }

    /** The list as the admin API shows it. */
    public record Listed(List<HttpFault> faults) {
    }

    /** The body of {@code PUT}: the whole list. */
    public record Replace(List<HttpFault> faults) {
        public Replace {
            faults = faults == null ? List.of() : faults;
        }
    }

    private final SettingsTable settings;
    private final SandboxTraffic.Vendor vendor;
    private final Map<Long, SplittableRandom> dice = new HashMap<>();
    private volatile Stored stored;

    /** {@code vendor}: where its API is, which faults may aim at, and whether it has Order API instances to name. */
    public HttpFaults(SettingsTable settings, SandboxTraffic.Vendor vendor) {
        this.settings = settings;
        this.vendor = vendor;
        this.stored = settings.get(KEY).map(s -> AdminJson.MAPPER.readValue(s, Stored.class)).orElse(new Stored(List.of(), 1));
    }

    public synchronized Listed list() {
        return new Listed(stored.faults());
    }

    /** Adds one fault after checking it (400 naming each bad field, and nothing changes). */
    public synchronized HttpFault add(HttpFault fault) {
        List<FieldError> errors = new ArrayList<>();
        HttpFault.check(fault, "$", vendor, errors);
        if (!errors.isEmpty()) {
            throw new AdminInputException("The fault was not added; nothing changed.", errors);
        }
        HttpFault added = fault.withId(stored.nextId());
        List<HttpFault> all = new ArrayList<>(stored.faults());
        all.add(added);
        save(new Stored(all, stored.nextId() + 1));
        return added;
    }

    /** Replaces every fault (an empty list clears them); all are checked first. */
    public synchronized Listed replace(Replace body) {
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < body.faults().size(); i++) {
            HttpFault.check(body.faults().get(i), "faults[" + i + "]", vendor, errors);
        }
        if (!errors.isEmpty()) {
            throw new AdminInputException("The faults were not replaced; nothing changed.", errors);
        }
        long next = stored.nextId();
        List<HttpFault> all = new ArrayList<>();
        for (HttpFault f : body.faults()) {
            all.add(f.withId(next++));
        }
        dice.clear();
        save(new Stored(all, next));
        return list();
    }

    /** Removes one fault; false when there is none with that id. */
    public synchronized boolean remove(long id) {
        List<HttpFault> all = new ArrayList<>(stored.faults());
        boolean removed = all.removeIf(f -> f.id() == id);
        if (removed) {
            dice.remove(id);
            save(new Stored(all, stored.nextId()));
        }
        return removed;
    }

    /** The fault that hits this call, counted as a hit; empty when none does. */
    public Optional<HttpFault> hit(String method, String path) {
        if (stored.faults().isEmpty()) {
            return Optional.empty(); // every vendor API call asks: without faults it takes no lock
        }
        synchronized (this) {
            return hitLocked(method, path);
        }
    }

    private Optional<HttpFault> hitLocked(String method, String path) {
        for (int i = 0; i < stored.faults().size(); i++) {
            HttpFault f = stored.faults().get(i);
            if (!f.aimsAt(method, path)) {
                continue;
            }
            if (f.probability() != null && f.probability() < 1) {
                SplittableRandom random = dice.computeIfAbsent(f.id(), id -> new SplittableRandom(f.seed() == null ? 0 : f.seed()));
                if (random.nextDouble() >= f.probability()) {
                    continue;
                }
            }
            HttpFault hit = f.hit();
            List<HttpFault> all = new ArrayList<>(stored.faults());
            all.set(i, hit);
            save(new Stored(all, stored.nextId()));
            return Optional.of(hit);
        }
        return Optional.empty();
    }

    private void save(Stored next) {
        settings.put(KEY, AdminJson.MAPPER.writeValueAsString(next));
        stored = next;
    }
}
