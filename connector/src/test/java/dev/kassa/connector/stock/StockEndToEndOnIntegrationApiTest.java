package dev.kassa.connector.stock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kassa.common.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link StockEndToEndTest} with stock through Centra's Integration API: the same sales, returns, clamps,
 * dead letters, duplicates, counts and reconciliation, read and written through the sandbox's {@code /graphql}
 * with one token, and checked through its REST API (one ledger). It runs on a database of its own: the same
 * stock items at the same store, rung up minutes after the Order API run, would otherwise be that run's
 * history (a count there supersedes a sale here).
 */
class StockEndToEndOnIntegrationApiTest extends StockEndToEndTest {

    private static final TestDatabase OWN = TestDatabase.fresh();

    @DynamicPropertySource
    static void integrationApi(DynamicPropertyRegistry registry) {
        ownDatabase(registry, OWN);
        onIntegrationApi(registry);
    }

    @BeforeAll
    static void unlimited() {
        centraPlan("off");
    }

    @org.springframework.beans.factory.annotation.Autowired
    private io.micrometer.core.instrument.MeterRegistry meters;

    /** The writes were the Integration API's: one setStock operation for each write the store recorded. */
    @AfterEach
    void everyWriteWasAMutation() {
        long writes = jdbc.sql("select count(*) from connector_stock_write").query(Long.class).single();
        double mutations = meters.get("kassa.centra.integration.mutations").functionCounter().count();
        assertThat(writes).as("each test here writes").isPositive();
        assertThat((long) mutations).isEqualTo(writes);
    }

    @AfterAll
    static void growthAgain() {
        centraPlan("growth");
    }
}
