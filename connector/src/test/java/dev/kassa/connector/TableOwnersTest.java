package dev.kassa.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * One class owns each of the connector's tables' writes (issue 19): every INSERT, UPDATE and DELETE of a
 * {@code connector_*} table is in one source file, so a table's states and rules live in one place.
 * Read from the sources (SQL is text to the compiler).
 */
class TableOwnersTest {

    private static final Pattern WRITE = Pattern.compile("(?i)\\b(insert\\s+into|update|delete\\s+from)\\s+(connector_[a-z_]+)");

    @Test
    void everyTableIsWrittenByOneClass() throws IOException {
        Map<String, Set<String>> writers = new TreeMap<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = WRITE.matcher(Files.readString(f));
                while (m.find()) {
                    writers.computeIfAbsent(m.group(2).toLowerCase(), t -> new TreeSet<>()).add(f.getFileName().toString());
                }
            }
        }
        assertThat(writers).as("the tables the connector writes").containsKeys("connector_pos_line", "connector_offer");
        writers.forEach((table, classes) -> assertThat(classes).as("the classes writing %s", table).hasSize(1));
    }
}
