package dev.kassa.centra.sandbox;

/** Small datasets for tests, as the JSON an integrator would PUT to /sandbox/state. */
public final class Datasets {

    private Datasets() {
    }

    /**
     * The product of the documented GET products/GET stock examples (spec/fixtures), with the SEK and USD
     * pricelists they show, plus the seeds' EAN 5901144123590 with physical 499 and allocated 7.
     */
    public static final String GOLDEN = """
            {
              "timeZone": "Europe/Stockholm",
              "countries": [{"code": "SE", "name": "Sweden", "taxPercent": 25},
                            {"code": "US", "name": "United States", "taxPercent": 0}],
              "markets": [{"id": 1, "name": "Sweden", "countries": ["SE"]},
                          {"id": 2, "name": "USA", "countries": ["US"]}],
              "pricelists": [{"id": 19, "name": "SEK", "currency": "SEK", "countries": ["SE"]},
                             {"id": 20, "name": "USD", "currency": "USD", "countries": ["US"]}],
              "warehouses": [{"id": 1, "name": "Central", "policy": "direct"},
                             {"id": 2, "name": "Store Stockholm", "policy": "check-first", "brickAndMortar": "Stockholm"},
                             {"id": 3, "name": "Outlet", "policy": "direct"}],
              "allocationRules": [{"market": 1, "warehouses": [1, 2]}],
              "products": [{
                "productId": 1, "sku": "123", "name": "Test Product", "internalName": "Test Product",
                "brand": null, "collection": null, "folder": "", "categories": ["Shop"], "active": true,
                "createdAt": "2023-11-28 09:24:15", "modifiedAt": "2023-11-28 09:24:15",
                "variants": [{
                  "variantId": 1475, "sku": "999", "name": "White",
                  "prices": [{"pricelist": 19, "price": 100, "campaigns": []},
                             {"pricelist": 20, "price": 10, "campaigns": []}],
                  "sizes": [{"stockItemId": 116, "sizeSku": "", "name": "One Size", "ean": "1233421127", "upc": null,
                             "stock": [{"warehouse": 1, "physical": 53, "allocated": 44}]}]
                }]
              }, {
                "productId": 2, "sku": "POS", "name": "Seed Shirt", "createdAt": "2024-03-18 09:00:00",
                "variants": [{
                  "variantId": 2001, "sku": "BLU", "name": "Blue",
                  "prices": [{"pricelist": 19, "price": 200}],
                  "sizes": [{"stockItemId": 201, "sizeSku": "M", "name": "M", "ean": "5901144123590", "upc": "012345678905",
                             "stock": [{"warehouse": 1, "physical": 499, "allocated": 7},
                                       {"warehouse": 2, "physical": 10, "allocated": 2},
                                       {"warehouse": 3, "physical": 5, "allocated": 1}]},
                            {"stockItemId": 202, "sizeSku": "L", "name": "L", "ean": "5901144123606",
                             "stock": [{"warehouse": 1, "physical": 20, "allocated": 0}]}]
                }]
              }],
              "orderApi": [
                {"uri": "order-api", "secret": "s3cret", "markets": [1, 2], "primaryWarehouse": 1,
                 "virtualWarehouses": [], "endpoints": "all", "allowOrderCreate": true,
                 "taxCountry": null, "returnCostPrice": false},
                {"uri": "sweden", "secret": "se-secret", "markets": [1], "primaryWarehouse": 1,
                 "taxCountry": "SE", "returnCostPrice": true, "clampNotificationEmail": "stock@example.com"},
                {"uri": "with-outlet", "secret": "wo-secret", "markets": [1], "primaryWarehouse": 2,
                 "virtualWarehouses": [3]},
                {"uri": "fta", "secret": "fta-secret", "primaryWarehouse": 1, "stockUpdateMode": "fta"},
                {"uri": "read-only", "secret": "ro-secret", "primaryWarehouse": 1,
                 "endpoints": ["get-products", "get-stock"]}
              ]
            }
            """;
}
