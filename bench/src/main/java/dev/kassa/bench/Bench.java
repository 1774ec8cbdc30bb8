package dev.kassa.bench;

import java.util.Arrays;

/** Entry point of {@code ./kassa bench <name> [options]}. */
public final class Bench {

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        String name = args.length == 0 ? "--help" : args[0];
        String[] rest = Arrays.copyOfRange(args, Math.min(1, args.length), args.length);
        try {
            run(name, rest);
        } catch (IllegalArgumentException e) {
            // a wrong option or value: said in one line, not as a stack trace
            System.err.println("kassa bench " + name + ": " + e.getMessage());
            System.exit(2);
        }
    }

    private static void run(String name, String[] rest) throws Exception {
        switch (name) {
            case "centra-stock" -> CentraStockBench.run(rest);
            case "catalogue" -> CatalogueBench.run(rest);
            case "start-up" -> StartUpBench.run(rest);
            case "ship-from-store" -> ShipFromStoreBench.run(rest);
            case "centara-orders" -> CentaraOrdersBench.run(rest);
            case "pos-stock" -> PosStockBench.run(rest);
            case "webhook-intake" -> WebhookIntakeBench.run(rest);
            default -> {
                System.out.println("""
                        Usage: ./kassa bench <name> [options]

                          centra-stock   Centra sandbox: POST stock throughput (batches of 1, 100, 1000) and GET
                                         products paging over a generated catalogue, each beside raw JDBC doing
                                         the same database work on the same database in the same run.
                                         Options: --stock-items N (100000) --clients N (4) --seconds S (10)
                                                  --db-url URL --db-user U --db-password P (default: H2 file in a temp dir)

                          catalogue      Connector: a full catalogue sync of N stock items from the Centra sandbox into an
                                         empty mirror, then a forced resync with nothing changed (rows written: 0),
                                         beside the same pages read with a plain HTTP client and N rows inserted with
                                         plain JDBC batches, in the same run.
                                         Options: --stock-items N (100000) (H2 in temp dirs)

                          start-up       Each program's cold start (fresh H2) until /actuator/health is UP, wall and
                                         CPU seconds, min and median: java -jar kassa.jar <program> beside
                                         ./kassa <program> (the JDK's AOT cache, made once per build).
                                         Options: --runs N (3) --jar PATH (app/target/kassa.jar) --launcher PATH (./kassa)

                          ship-from-store
                                         Centra sandbox: check-first accepts and rejects per second beside raw JDBC
                                         doing the same rows, and webhook events delivered per second (maxEvents 1
                                         and 50) beside the same calls sent straight from a loop.
                                         Options: --orders N (1000) --clients N (4) --events N (2000) and the --db-* options

                          centara-orders Centara sandbox: POST api/order (3 items, a payment, 2 info codes) per second
                                         beside raw JDBC doing the same checks and inserts on the same database.
                                         Options: --clients N (4) --seconds S (10) and the --db-* options

                          pos-stock      Connector: N stores each selling R items per second against the Centra sandbox
                                         with its rate limit on, time compressed: Centra writes per sale, staleness of
                                         web stock, 429s. Then POS transactions stored per second beside raw JDBC.
                                         Options: --stores N (50) --rate R (1) --minutes M (20, shop time)
                                                  --compress K (10; 1, 2, 5 or 10) --clients N (8) --seconds S (10)
                                                  --api order-api|integration-api|order-api,integration-api (order-api;
                                                  both: one run after the other, the same load)
                                                  --workers N (8: stores the connector writes at once)
                                                  and the --db-* options (the connector's database)

                          cluster        Connector: 3 nodes on one PostgreSQL, 2 shops' tills selling, web orders both
                                         shops accept at once through different nodes, nodes killed (kill -9) and
                                         restarted; passes when stock is exact, each order has one winner, one till
                                         order and one shipment, and Centra saw no 429 (run by ./kassa through Maven).
                                         Options: --sales N (400 per till) --web-orders N (12) --kills N (6) --seed N (7)

                          webhook-intake Connector: Centra's webhook calls (signed, one event each) stored and answered,
                                         at fixed rates, open loop: calls/s done, p50 and p99 latency, beside an
                                         endpoint in the same server that only answers 200.
                                         Options: --rates R1,R2,… (50,100,200,400,800) --seconds S (10) and the --db-* options
                        """);
                if (!name.equals("--help")) {
                    System.exit(2);
                }
            }
        }
    }
}
