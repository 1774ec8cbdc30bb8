package dev.kassa.centra.sandbox.shipfromstore;

/** Shops for both ship-from-store variants; webhooks go to a test's receiver. */
public final class ShipFromStoreDataset {

    public static final String EAN = "7350000005010";
    static final String SECRET = "whsec";

    private ShipFromStoreDataset() {
    }

    public static String json(String webhookUrl, int retries) {
        return """
                {"timeZone": "Europe/Stockholm",
                 "countries": [{"code": "SE", "name": "Sweden", "taxPercent": 25},
                               {"code": "DE", "name": "Germany", "taxPercent": 19}],
                 "markets": [{"id": 1, "name": "Sweden", "countries": ["SE"]},
                             {"id": 2, "name": "Germany", "countries": ["DE"]}],
                 "pricelists": [{"id": 1, "name": "SEK", "currency": "SEK", "countries": ["SE"]},
                                {"id": 2, "name": "EUR", "currency": "EUR", "countries": ["DE"]}],
                 "warehouses": [{"id": 1, "name": "Central", "policy": "direct"},
                                {"id": 2, "name": "Store Stockholm", "policy": "check-first"},
                                {"id": 3, "name": "Store Göteborg", "policy": "check-first"},
                                {"id": 4, "name": "Store Malmö", "policy": "check-first"},
                                {"id": 5, "name": "Store Berlin", "policy": "direct-then-confirm"},
                                {"id": 6, "name": "Store Hamburg", "policy": "direct-then-confirm"}],
                 "allocationRules": [{"market": 1, "warehouses": [1, 2, 3, 4]}, {"market": 2, "warehouses": [5, 6, 1]}],
                 "products": [{"productId": 50, "sku": "P50", "name": "Wool Scarf", "createdAt": "2024-01-01 00:00:00",
                   "variants": [{"variantId": 500, "sku": "GRY", "name": "Grey",
                     "prices": [{"pricelist": 1, "price": 400}, {"pricelist": 2, "price": 40}],
                     "sizes": [{"stockItemId": 501, "name": "One Size", "ean": "%s",
                       "stock": [{"warehouse": 1, "physical": 10}, {"warehouse": 2, "physical": 5},
                                 {"warehouse": 3, "physical": 5}, {"warehouse": 4, "physical": 0},
                                 {"warehouse": 5, "physical": 3}, {"warehouse": 6, "physical": 3}]}]}]}],
                 "orderApi": [{"uri": "shop", "secret": "shop-secret", "primaryWarehouse": 1, "allowOrderCreate": true},
                              {"uri": "berlin", "secret": "berlin-secret", "markets": [2], "primaryWarehouse": 5}],
                 "webhooks": [{"url": "%s", "secret": "%s", "version": "integration",
                               "triggers": ["check_first", "allocation_request"], "retries": %d,
                               "timeoutSeconds": 1, "maxEvents": 100}]}
                """.formatted(EAN, webhookUrl, SECRET, retries);
    }

    static String webOrder(String country, int qty, String extra) {
        return """
                {"country": "%s", "customer": {"email": "eva@example.com", "firstName": "Eva", "lastName": "Lind",
                 "address": "Storgatan 2", "zipcode": "41101", "city": "Göteborg"},
                 "lines": [{"ean": "%s", "qty": %d}]%s}""".formatted(country, EAN, qty, extra);
    }
}
