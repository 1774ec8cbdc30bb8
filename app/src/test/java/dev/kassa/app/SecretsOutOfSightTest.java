package dev.kassa.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kassa.centra.sandbox.CentraSandboxApplication;
import dev.kassa.common.testing.Http;
import dev.kassa.connector.ConnectorApplication;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Every secret of the connector can come from a file ({@code <setting>-file}), and none appears in its
 * output: the connector runs the demo's wiring with all its secrets in files, logging at DEBUG, serves
 * the admin API and a till's sale with them, refuses wrong ones, and reaches Centra with them (catalogue
 * and stock); not one secret value is in what it printed.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretsOutOfSightTest {

    @Test
    void secretsComeFromFilesAndNeverReachTheLog(@TempDir Path dir, CapturedOutput output) throws Exception {
        String adminToken = "admin-" + UUID.randomUUID();
        String posKey = "pos-" + UUID.randomUUID();
        String webhookSecret = "hook-" + UUID.randomUUID();
        try (ConfigurableApplicationContext centra = DemoWiringTest.start(CentraSandboxApplication.class, List.of())) {
            String centraBase = "http://127.0.0.1:" + centra.getEnvironment().getProperty("local.server.port");
            List<String> secrets = new ArrayList<>(List.of(adminToken, posKey, webhookSecret));
            List<String> args = new ArrayList<>();
            for (String arg : Demo.connectorProperties(centraBase, "http://127.0.0.1:9")) {
                String name = arg.substring(2, arg.indexOf('='));
                String value = arg.substring(arg.indexOf('=') + 1);
                if (name.equals("kassa.connector.admin-token")) {
                    value = adminToken;
                } else if (name.equals("kassa.connector.stores[0].pos-api-key")) {
                    value = posKey;
                } else if (name.equals("kassa.connector.webhook.secret")) {
                    value = webhookSecret;
                }
                if (name.endsWith("admin-token") || name.endsWith("secret") || name.endsWith("pos-api-key") || name.endsWith(".token")) {
                    Path file = Files.writeString(dir.resolve(name.replaceAll("[^a-z0-9.-]", "_")), value + "\n");
                    args.add("--" + name + "-file=" + file);
                    secrets.add(value);
                } else {
                    args.add(arg);
                }
            }
            args.addAll(List.of("--logging.level.dev.kassa=DEBUG", "--kassa.connector.stock.poll-millis=200"));
            try (ConfigurableApplicationContext connector = DemoWiringTest.start(ConnectorApplication.class, args)) {
                String kassa = "http://127.0.0.1:" + connector.getEnvironment().getProperty("local.server.port");
                Map<String, String> admin = Map.of("Authorization", "Bearer " + adminToken);
                assertThat(Http.send("GET", kassa + "/api/admin/stock", admin, null).status()).as("the token from its file").isEqualTo(200);
                assertThat(Http.send("GET", kassa + "/api/admin/stock", Map.of("Authorization", "Bearer " + adminToken + "x"), null)
                        .status()).isEqualTo(401);
                assertThat(Http.send("POST", kassa + "/webhooks/centra", Map.of("X-Centra-Signature", "t=1,v1=00",
                        "Content-Type", "application/x-www-form-urlencoded"), "payload=%7B%7D").status()).isEqualTo(401);
                // a sale at Stockholm's till, with the POS key from its file, reaches Centra through the store's endpoint
                // secret from its file
                String ean = "7350000010022";
                Map<String, String> stockholm = Map.of("API-Authorization", "demo-stockholm-secret");
                int before = Http.send("GET", centraBase + "/api/store-stockholm/stock?ean=" + ean, stockholm, null).json()
                        .get("products").get(0).get("physicalStock").asInt();
                String sale = """
                        {"TransactionId": "secret-1", "Type": "Sale", "StoreId": 1, "Pos": 1, "ZNumber": 1, "ReceiptNumber": 1,
                         "Timestamp": "%s", "Lines": [{"LineNumber": 1, "ItemId": "LS100-WH-M", "Barcode": "%s", "Quantity": 1,
                         "UnitPrice": 599, "Amount": 599}], "Payments": [{"TenderCode": 2, "Amount": 599}], "Total": 599}"""
                        .formatted(Instant.now().toString().replaceAll("\\.\\d+", ""), ean);
                assertThat(Http.send("POST", kassa + "/api/pos/transactions", Map.of("Authorization", "Bearer " + posKey + "x"), sale)
                        .status()).isEqualTo(401);
                Http.Response taken = Http.send("POST", kassa + "/api/pos/transactions", Map.of("Authorization", "Bearer " + posKey), sale);
                assertThat(taken.status()).as(taken.body()).isEqualTo(200);
                Instant end = Instant.now().plus(Duration.ofSeconds(60));
                while (Http.send("GET", centraBase + "/api/store-stockholm/stock?ean=" + ean, stockholm, null).json()
                        .get("products").get(0).get("physicalStock").asInt() != before - 1) {
                    assertThat(Instant.now()).as("the sale reached Centra within 60 s: "
                            + Http.send("GET", kassa + "/api/admin/stock", admin, null).body()).isBefore(end);
                    Thread.sleep(100);
                }
            }
            assertThat(secrets).hasSizeGreaterThanOrEqualTo(8);
            String printed = output.getAll();
            assertThat(printed).as("the connector logged at DEBUG").contains("DEBUG");
            for (String secret : secrets) {
                assertThat(printed).as("a secret in the output").doesNotContain(secret);
            }
        }
    }
}
