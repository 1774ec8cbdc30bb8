package dev.kassa.centara.sandbox.seed;

import dev.kassa.centara.sandbox.admin.SandboxState;
import dev.kassa.centara.sandbox.state.CentaraDataset;
import dev.kassa.centara.sandbox.state.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * {@code --seed demo|empty}: on the first start against an empty database, loads the demo retailer (or
 * nothing). A database that was ever loaded keeps its data across restarts, whatever the option says.
 */
@Component
class SeedOnStart implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(SeedOnStart.class);

    private final Settings settings;
    private final SandboxState state;
    private final String seed;

    SeedOnStart(Settings settings, SandboxState state, @Value("${kassa.sandbox.seed:demo}") String seed) {
        if (!seed.equals("demo") && !seed.equals("empty")) {
            throw new IllegalArgumentException("--seed must be demo or empty, got '" + seed + "'");
        }
        this.settings = settings;
        this.state = state;
        this.seed = seed;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (settings.get(Settings.INITIALISED).isPresent()) {
            return;
        }
        log.info("Empty database: loading the {} dataset", seed);
        state.replace(seed.equals("demo") ? DemoRetailer.dataset() : CentaraDataset.empty());
    }
}
