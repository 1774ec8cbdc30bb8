package dev.kassa.common.db;

import java.nio.file.Path;

/** Where and how a program keeps its embedded H2 database when no PostgreSQL URL is configured. */
public final class EmbeddedDatabase {

    private EmbeddedDatabase() {
    }

    /**
     * A file-mode H2 URL. The lock timeout is raised from H2's 1 s default because row locks
     * ({@code SELECT ... FOR UPDATE}) are how writers are serialised, and a busy writer must make
     * the next one wait, not fail.
     */
    public static String h2Url(Path directory, String name) {
        return "jdbc:h2:file:" + directory.toAbsolutePath().normalize().resolve(name)
                + ";DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=20000;WRITE_DELAY=0";
    }
}
