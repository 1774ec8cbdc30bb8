package dev.kassa.common.db;

import java.nio.file.Path;

/** Where and how a program keeps its embedded H2 database when no PostgreSQL URL is configured. */
public final class EmbeddedDatabase {

    private EmbeddedDatabase() {
    }

    /** How soon a commit reaches the file. */
    public enum Commits {
        /**
         * Before the commit returns ({@code WRITE_DELAY=0}): what the connector acknowledged survives kill -9
         * (decision 0006).
         */
        ON_DISK_AT_ONCE(";WRITE_DELAY=0"),
        /**
         * Within H2's default 500 ms: the sandboxes (decision 0019). A clean stop loses nothing; a kill -9 of a
         * sandbox may lose its last half second, as a crashed Centra or Centara would lose what it had not
         * stored. Each commit otherwise writes a chunk of H2's file, a quarter of a sandbox request's CPU.
         */
        WITHIN_HALF_A_SECOND("");

        private final String setting;

        Commits(String setting) {
            this.setting = setting;
        }
    }

    /**
     * A file-mode H2 URL whose commits reach the file at once (the connector's). The lock timeout is raised
     * from H2's 1 s default because row locks ({@code SELECT ... FOR UPDATE}) are how writers are serialised,
     * and a busy writer must make the next one wait, not fail. {@code retry:} (H2's FilePathRetryOnInterrupt)
     * re-opens the file when a thread writing to it is interrupted (a loop stopped with shutdownNow, a
     * context closing): without it the interrupt closes H2's file channel, and with it the whole database for
     * every connection of the process.
     */
    public static String h2Url(Path directory, String name) {
        return h2Url(directory, name, Commits.ON_DISK_AT_ONCE);
    }

    /** A file-mode H2 URL as {@link #h2Url(Path, String)}, with commits reaching the file as {@code commits} says. */
    public static String h2Url(Path directory, String name, Commits commits) {
        return "jdbc:h2:retry:file:" + directory.toAbsolutePath().normalize().resolve(name)
                + ";DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=20000" + commits.setting;
    }
}
