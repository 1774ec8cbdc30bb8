package dev.kassa.app;

import dev.kassa.centra.sandbox.CentraSandboxApplication;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code kassa demo}: everything on embedded H2 under {@code ./data/}, the demo retailer seeded on first
 * start, well-known demo secrets so the README's examples work as written. For now that is the Centra
 * sandbox; the Centara sandbox and the connector join it as they are built.
 */
final class Demo {

    static final String ADMIN_TOKEN = "kassa-demo";

    private Demo() {
    }

    static void start(String[] extra, PrintStream out) {
        List<String> args = new ArrayList<>(List.of("--admin-token", ADMIN_TOKEN, "--seed", "demo"));
        args.addAll(Arrays.asList(extra));
        ConfigurableApplicationContext centra = Kassa.startCentraSandbox(
                ProgramOptions.springArgs(CentraSandboxApplication.PROGRAM, args.toArray(String[]::new)));
        String port = centra.getEnvironment().getProperty("local.server.port");
        String base = "http://127.0.0.1:" + port;
        out.println();
        out.println("Kassa demo is running (Ctrl+C stops it; data stays in ./data/).");
        out.println();
        out.println("Centra sandbox      " + base);
        out.println("  Order API, Sweden   " + base + "/api/order-api-se      API-Authorization: demo-se-secret");
        out.println("  Order API, Germany  " + base + "/api/order-api-de      API-Authorization: demo-de-secret");
        out.println("  Store Stockholm     " + base + "/api/store-stockholm   API-Authorization: demo-stockholm-secret");
        out.println("  Store Göteborg      " + base + "/api/store-goteborg    API-Authorization: demo-goteborg-secret");
        out.println("  Store Berlin        " + base + "/api/store-berlin      API-Authorization: demo-berlin-secret");
        out.println("  Admin API           " + base + "/sandbox/state         Authorization: Bearer " + ADMIN_TOKEN);
        out.println("  OpenAPI             " + base + "/openapi/centra-order-api.yaml, "
                + base + "/openapi/centra-sandbox-admin.yaml");
        out.println();
        out.println("Try: curl -H 'API-Authorization: demo-se-secret' '" + base + "/api/order-api-se/stock/?ean=7350000010015'");
        out.println();
    }
}
