package dev.kassa.app;

import dev.kassa.centra.sandbox.CentraSandboxApplication;
import dev.kassa.centara.sandbox.CentaraSandboxApplication;
import dev.kassa.centara.sandbox.seed.DemoRetailer;
import dev.kassa.connector.ConnectorApplication;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code kassa demo}: everything on embedded H2 under {@code ./data/}, the demo retailer seeded on first
 * start, well-known demo secrets so the README's examples work as written: the Centra sandbox on 8081 and
 * the Centara sandbox on 8082, the connector on 8080 wired to both (the demo stores Stockholm, Göteborg
 * and Berlin, each with its own Order API endpoint and the till's POS key). Options other than the ports
 * apply to all three (with {@code --db-url} they share one PostgreSQL database: their tables do not overlap).
 */
final class Demo {

    static final String ADMIN_TOKEN = "kassa-demo";
    /** The connector's head-office token (it wants at least 16 characters). */
    static final String CONNECTOR_TOKEN = "kassa-demo-connector";

    private Demo() {
    }

    /**
     * The connector's configuration for the demo retailer: the country endpoints, and per store its
     * warehouse, its own Order API endpoint, its Centara store and the POS key its till pushes with. All
     * as command-line properties: Spring binds a list of stores from one property source only.
     */
    static List<String> connectorProperties(String centra, String centara) {
        List<String> p = new ArrayList<>(List.of(
                "--kassa.connector.admin-token=" + CONNECTOR_TOKEN,
                "--kassa.connector.centra.endpoints.se.base-url=" + centra + "/api/order-api-se",
                "--kassa.connector.centra.endpoints.se.secret=demo-se-secret",
                "--kassa.connector.centra.endpoints.se.pricelist=SEK",
                "--kassa.connector.centra.endpoints.de.base-url=" + centra + "/api/order-api-de",
                "--kassa.connector.centra.endpoints.de.secret=demo-de-secret",
                "--kassa.connector.centra.endpoints.de.pricelist=EUR",
                "--kassa.connector.centara.base-url=" + centara,
                "--kassa.connector.centara.token=" + DemoRetailer.API_TOKEN,
                "--kassa.connector.centara.web-tender=" + DemoRetailer.WEB_PAYMENT,
                // the Centra demo's webhook plugin signs with this secret and calls 127.0.0.1:8080/webhooks/centra
                "--kassa.connector.webhook.secret=demo-webhook-secret"));
        String[][] stores = {
                {"stockholm", "Store Stockholm", "se", "2", "store-stockholm", "demo-stockholm-secret", "1"},
                {"goteborg", "Store Göteborg", "se", "3", "store-goteborg", "demo-goteborg-secret", "2"},
                {"berlin", "Store Berlin", "de", "4", "store-berlin", "demo-berlin-secret", "3"}};
        for (int i = 0; i < stores.length; i++) {
            String[] s = stores[i];
            String k = "--kassa.connector.stores[" + i + "].";
            p.addAll(List.of(k + "id=" + s[0], k + "name=" + s[1], k + "country=" + s[2], k + "centra-warehouse=" + s[3],
                    k + "centra-endpoint.base-url=" + centra + "/api/" + s[4], k + "centra-endpoint.secret=" + s[5],
                    k + "centara-store=" + s[6], k + "pos-api-key=demo-pos-key-000" + s[6]));
        }
        // the console's log-ins: staff of each store and head office, all with the printed demo password
        var hasher = new org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder();
        for (int i = 0; i < CONSOLE_USERS.length; i++) {
            String k = "--kassa.connector.console.users[" + i + "].";
            p.addAll(List.of(k + "username=" + CONSOLE_USERS[i][0], k + "password=" + hasher.encode(CONSOLE_PASSWORD),
                    k + "store=" + CONSOLE_USERS[i][1], k + "language=" + CONSOLE_USERS[i][2]));
        }
        return p;
    }

    /**
     * The demo's console log-ins (user, store, language; no store: head office; no language: the browser's), all
     * with {@link #CONSOLE_PASSWORD}. Lena in Berlin reads the console in German.
     */
    static final String[][] CONSOLE_USERS = {{"anna", "goteborg", ""}, {"sven", "stockholm", ""}, {"lena", "berlin", "de"},
            {"office", "", ""}};
    static final String CONSOLE_PASSWORD = "kassa-demo";

    static void start(String[] extra, PrintStream out) {
        start(extra, out, false);
    }

    /**
     * The demo; with {@code anyPorts}, on ports the system picks (the launcher's start-up cache training,
     * decision 0019: it may run while a demo holds 8080–8082).
     */
    static List<ConfigurableApplicationContext> start(String[] extra, PrintStream out, boolean anyPorts) {
        List<String> args = new ArrayList<>(List.of("--admin-token", ADMIN_TOKEN, "--seed", "demo"));
        if (anyPorts) {
            args.addAll(List.of("--port", "0"));
        }
        // each option applies to all three programs, or to the one whose setting it is, or is refused
        List<String> sandboxes = new ArrayList<>();
        List<String> connectorOptions = new ArrayList<>();
        String data = null; // --data DIR: each program's embedded database in its own directory under DIR
        for (int k = 0; k < extra.length; k++) {
            String e = extra[k];
            String name = e.contains("=") ? e.substring(0, e.indexOf('=')) : e;
            if (name.equals("--data")) {
                data = e.contains("=") ? e.substring(e.indexOf('=') + 1) : ProgramOptions.required("--data", k + 1 < extra.length ? extra[++k] : null);
                continue;
            }
            if (name.equals("--port") || name.startsWith("--server.port")) {
                throw new ProgramOptions.UsageException(
                        "the demo's ports are fixed: 8080 connector, 8081 Centra sandbox, 8082 Centara sandbox");
            }
            if (List.of("--admin-token", "--seed", "--allow-no-stores").contains(name)) {
                throw new ProgramOptions.UsageException(name + " does not apply to the demo: its tokens, data and stores are"
                        + " fixed and printed at start (run the programs one by one to choose them)");
            }
            if (!name.startsWith("--kassa.connector.")) {
                sandboxes.add(e);
            }
            if (!name.startsWith("--kassa.sandbox.")) {
                connectorOptions.add(e);
            }
        }
        args.addAll(sandboxes);
        if (anyPorts) {
            connectorOptions.addAll(List.of("--port", "0"));
        }
        List<String> centraArgs = new ArrayList<>(args);
        List<String> centaraArgs = new ArrayList<>(args);
        if (data != null) {
            centraArgs.addAll(List.of("--data", java.nio.file.Path.of(data, CentraSandboxApplication.PROGRAM).toString()));
            centaraArgs.addAll(List.of("--data", java.nio.file.Path.of(data, CentaraSandboxApplication.PROGRAM).toString()));
            connectorOptions.addAll(List.of("--data", java.nio.file.Path.of(data, ConnectorApplication.PROGRAM).toString()));
        }
        ConfigurableApplicationContext centra = Kassa.startCentraSandbox(
                ProgramOptions.springArgs(CentraSandboxApplication.PROGRAM, centraArgs.toArray(String[]::new)));
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
        out.println("  Web shop page       " + base + "/shop                  place web orders; any user name, password " + ADMIN_TOKEN);
        out.println("  Admin API           " + base + "/sandbox/state         Authorization: Bearer " + ADMIN_TOKEN);
        out.println("  API docs            " + base + "/api-docs   (Swagger UI; the files: /openapi/centra-order-api.yaml,"
                + " /openapi/centra-sandbox-admin.yaml)");
        ConfigurableApplicationContext centara = Kassa.startCentaraSandbox(
                ProgramOptions.springArgs(CentaraSandboxApplication.PROGRAM, centaraArgs.toArray(String[]::new)));
        String till = "http://127.0.0.1:" + centara.getEnvironment().getProperty("local.server.port");
        out.println();
        out.println("Centara sandbox     " + till);
        out.println("  External orders     " + till + "/api/order            Authorization: Bearer " + DemoRetailer.API_TOKEN);
        out.println("  Till pages          " + till + "/till/1 (Stockholm), /till/2 (Göteborg), /till/3 (Berlin); any user name, password "
                + ADMIN_TOKEN);
        out.println("  Stores              1 Stockholm, 2 Göteborg, 3 Berlin; sell at a till: POST " + till
                + "/sandbox/stores/1/sales");
        out.println("  Admin API           " + till + "/sandbox/state         Authorization: Bearer " + ADMIN_TOKEN);
        out.println("  API docs            " + till + "/api-docs   (Swagger UI; the files: /openapi/centara-external-orders.yaml,"
                + " /openapi/centara-sandbox-admin.yaml)");
        List<String> connectorArgs = new ArrayList<>(connectorOptions);
        connectorArgs.addAll(connectorProperties(base, till));
        ConfigurableApplicationContext connector = Kassa.startConnector(
                ProgramOptions.springArgs(ConnectorApplication.PROGRAM, connectorArgs.toArray(String[]::new)));
        String kassa = "http://127.0.0.1:" + connector.getEnvironment().getProperty("local.server.port");
        out.println();
        out.println("Connector           " + kassa + "   (till sales arrive here; web stock follows)");
        out.println("  Store console       " + kassa + "/console      log in as anna (Göteborg), sven (Stockholm), lena (Berlin)"
                + " or office (head office); password " + CONSOLE_PASSWORD);
        out.println("  Stock sync          " + kassa + "/api/admin/stock      Authorization: Bearer " + CONNECTOR_TOKEN);
        out.println("  Catalogue sync      " + kassa + "/api/admin/catalogue");
        out.println("  Till item feed      " + kassa + "/api/pos/items        Authorization: Bearer demo-pos-key-0001 (Stockholm)");
        out.println("  Metrics             " + kassa + "/actuator/prometheus");
        out.println("  API docs            " + kassa + "/api-docs   (Swagger UI; the file: /openapi/kassa-connector.yaml)");
        out.println("  Ship-from-store     " + kassa + "/api/stores/goteborg/offers   Authorization: Bearer demo-pos-key-0002 (Göteborg)");
        out.println();
        out.println("Try: curl -H 'API-Authorization: demo-se-secret' '" + base + "/api/order-api-se/stock/?ean=7350000010015'");
        out.println();
        return List.of(centra, centara, connector);
    }
}
