package dev.kassa.connector.jobs;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * For test families whose contexts (with different settings) stay cached beside each other on one database:
 * before a test, only its own context's job engine runs, so that no other context works its stores or offers
 * on other settings, which no real deployment does (every node of one database has the same settings).
 */
public final class OneEngineAtATime {

    private static final Set<Jobs> ENGINES = ConcurrentHashMap.newKeySet();

    private OneEngineAtATime() {
    }

    /** Stops every other engine seen so far and (re)starts {@code mine}. */
    public static void only(Jobs mine) {
        ENGINES.add(mine);
        ENGINES.stream().filter(j -> j != mine).forEach(Jobs::stop);
        mine.start();
    }

    /**
     * Stops every engine seen so far, {@code mine} too: for tests that drive the work themselves and must know
     * that nothing else ran it (an engine's jobs run once at every start, and a cycle they ran would hold the
     * store's lock while the test's own cycle found it taken).
     */
    public static void none(Jobs mine) {
        ENGINES.add(mine);
        ENGINES.forEach(Jobs::stop);
    }
}
