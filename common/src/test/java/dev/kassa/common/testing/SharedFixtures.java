package dev.kassa.common.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The fixtures a module copied from {@code ../shared/spec/fixtures} into its test resources. */
public final class SharedFixtures {

    private SharedFixtures() {
    }

    /** Each copy equals its original, when the shared spec is beside the repository (a bare clone skips this). */
    public static void assertCopiesMatchTheSharedSpec() {
        Path shared = Path.of("..", "..", "shared", "spec", "fixtures");
        if (!Files.isDirectory(shared)) {
            return;
        }
        try (var files = Files.list(Path.of("src", "test", "resources", "fixtures"))) {
            for (Path copy : files.toList()) {
                assertThat(copy).as("copy of " + copy.getFileName()).hasSameBinaryContentAs(shared.resolve(copy.getFileName()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
