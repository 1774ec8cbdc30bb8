package dev.kassa.app;

import dev.kassa.centra.sandbox.CentraSandboxApplication;
import dev.kassa.centara.sandbox.CentaraSandboxApplication;
import dev.kassa.centara.sandbox.seed.DemoRetailer;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code kassa demo}: everything on embedded H2 under {@code ./data/}, the demo retailer seeded on first
 * start, well-known demo secrets so the README's examples work as written: the Centra sandbox on 8081 and
 * the Centara sandbox on 8082; the connector joins them when it is built. Options other than the ports
 * apply to both (with {@code --db-url} they share one PostgreSQL database: their tables do not overlap).
 */
final class Demo {

    static final String ADMIN_TOKEN = "kassa-demo";

    private Demo() {
    }

    static void start(String[] extra, PrintStream out) {
        List<String> args = new ArrayList<>(List.of("--admin-token", ADMIN_TOKEN, "--seed", "demo"));
        for (String e : extra) {
            if (e.equals("--port") || e.startsWith("--port=") || e.startsWith("--server.port")) {
                throw new ProgramOptions.UsageException("the demo's ports are fixed: 8081 Centra sandbox, 8082 Centara sandbox");
            }
        }
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
        ConfigurableApplicationContext centara = Kassa.startCentaraSandbox(
                ProgramOptions.springArgs(CentaraSandboxApplication.PROGRAM, args.toArray(String[]::new)));
        String till = "http://127.0.0.1:" + centara.getEnvironment().getProperty("local.server.port");
        out.println();
        out.println("Centara sandbox     " + till);
        out.println("  External orders     " + till + "/api/order            Authorization: Bearer " + DemoRetailer.API_TOKEN);
        out.println("  Stores              1 Stockholm, 2 Göteborg, 3 Berlin; sell at a till: POST " + till
                + "/sandbox/stores/1/sales");
        out.println("  Admin API           " + till + "/sandbox/state         Authorization: Bearer " + ADMIN_TOKEN);
        out.println("  OpenAPI             " + till + "/openapi/centara-external-orders.yaml, "
                + till + "/openapi/centara-sandbox-admin.yaml");
        out.println();
        out.println("Try: curl -H 'API-Authorization: demo-se-secret' '" + base + "/api/order-api-se/stock/?ean=7350000010015'");
        out.println();
    }
}
