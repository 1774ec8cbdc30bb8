package dev.kassa.common.db;

import java.nio.file.Path;

/** Where and how a program keeps its embedded H2 database when no PostgreSQL URL is configured. */
public final class EmbeddedDatabase {

    private EmbeddedDatabase() {
    }

    /**
     * A file-mode H2 URL. The lock timeout is raised from H2's 1 s default because row locks
     * ({@code SELECT ... FOR UPDATE}) are how writers are serialised, and a busy writer must make
     * the next one wait, not fail. {@code retry:} (H2's FilePathRetryOnInterrupt) re-opens the file when a
     * thread writing to it is interrupted (a loop stopped with shutdownNow, a context closing): without it the
     * interrupt closes H2's file channel, and with it the whole database for every connection of the process.
     */
    public static String h2Url(Path directory, String name) {
        return "jdbc:h2:retry:file:" + directory.toAbsolutePath().normalize().resolve(name)
                + ";DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=20000;WRITE_DELAY=0";
    }
}
