package dev.kassa.connector.stock;

import dev.kassa.common.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link HostileTillInputTest} with stock through Centra's Integration API: a line that can never be applied
 * is a dead letter there too and the store's other items keep flowing; a far-future count is held; the order
 * within one second is the receipt's. On a database of its own, for the reason {@link StockEndToEndOnIntegrationApiTest} gives.
 */
class HostileTillInputOnIntegrationApiTest extends HostileTillInputTest {

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

    @AfterAll
    static void growthAgain() {
        centraPlan("growth");
    }
}
