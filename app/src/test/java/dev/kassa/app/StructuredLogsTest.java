package dev.kassa.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kassa.common.testing.Http;
import dev.kassa.connector.ConnectorApplication;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One property switches the connector's log to JSON (Spring Boot's structured logging, here ECS), and a
 * business event's ids are fields of its line.
 */
@ExtendWith(OutputCaptureExtension.class)
class StructuredLogsTest {

    /** Spring Boot keeps the log format in system properties for the JVM: the tests after this one log as before. */
    @org.junit.jupiter.api.AfterEach
    void plainLogsAgain() {
        System.clearProperty("CONSOLE_LOG_STRUCTURED_FORMAT");
        System.clearProperty("FILE_LOG_STRUCTURED_FORMAT");
    }

    @Test
    void oneSettingMakesTheLogJsonWithTheEventsIdsAsFields(CapturedOutput output) {
        List<String> args = new ArrayList<>(Demo.connectorProperties("http://127.0.0.1:9", "http://127.0.0.1:9"));
        args.addAll(List.of("--logging.structured.format.console=ecs", "--logging.level.dev.kassa.connector.events=INFO",
                "--kassa.connector.catalogue.sync-millis=0"));
        try (ConfigurableApplicationContext connector = DemoWiringTest.start(ConnectorApplication.class, args)) {
            String kassa = "http://127.0.0.1:" + connector.getEnvironment().getProperty("local.server.port");
            String tx = "json-" + System.nanoTime();
            Http.Response sale = Http.send("POST", kassa + "/api/pos/transactions", Map.of("Authorization", "Bearer demo-pos-key-0001"), """
                    {"TransactionId": "%s", "Type": "Sale", "StoreId": 1, "Timestamp": "%s",
                     "Lines": [{"LineNumber": 1, "ItemId": "LS100-WH-M", "Quantity": 1.5}]}"""
                    .formatted(tx, Instant.now().toString().replaceAll("\\.\\d+", "")));
            assertThat(sale.status()).as(sale.body()).isEqualTo(200);
        }
        JsonNode event = output.getAll().lines().filter(l -> l.contains(tx(output))).map(l -> JsonMapper.builder().build().readTree(l))
                .findFirst().orElseThrow(() -> new AssertionError("no JSON line of the dead letter in:\n" + output.getAll()));
        assertThat(event.path("log.level").asString(event.path("log").path("level").asString())).isEqualTo("INFO");
        assertThat(event.toString()).contains("\"event\":\"dead-letter\"", "\"store\":\"stockholm\"", "\"line\":1",
                "\"item\":\"LS100-WH-M\"");
    }

    /** The TransactionId this test used (found in its own output). */
    private static String tx(CapturedOutput output) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("json-\\d+").matcher(output.getAll());
        assertThat(m.find()).as("the transaction id in the log").isTrue();
        return "\"transaction\":\"" + m.group() + "\"";
    }
}
