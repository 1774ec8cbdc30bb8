package dev.kassa.centra.sandbox.catalog;

import dev.kassa.centra.sandbox.clock.InstanceTime;
import dev.kassa.centra.sandbox.orderapi.OrderApiController;
import dev.kassa.centra.sandbox.orderapi.OrderApiEndpoint;
import dev.kassa.centra.sandbox.orderapi.OrderApiGuard;
import dev.kassa.centra.sandbox.orderapi.OrderApiInstance;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** {@code GET <base>/products} (§4): one element per size, with categories and prices per pricelist. */
@OrderApiController
class ProductsController {

    private final OrderApiGuard guard;
    private final CatalogueRows rows;
    private final InstanceTime time;

    ProductsController(OrderApiGuard guard, CatalogueRows rows, InstanceTime time) {
        this.guard = guard;
        this.rows = rows;
        this.time = time;
    }

    @GetMapping({"/api/{uri}/products", "/api/{uri}/products/"})
    @Transactional(readOnly = true)
    ObjectNode products(@PathVariable String uri, HttpServletRequest request) {
        OrderApiInstance api = guard.authorize(uri, request, OrderApiEndpoint.GET_PRODUCTS);
        CatalogueFilter filter = CatalogueFilter.from(request, false);
        CataloguePage page = rows.page(filter, api.warehouses());
        List<Long> productIds = page.rows().stream().map(StockItemRow::productId).toList();
        List<Long> variantIds = page.rows().stream().map(StockItemRow::variantId).toList();
        Map<Long, List<String>> categories = rows.categories(productIds);
        Map<Long, List<String>> images = rows.images(variantIds);
        Map<Long, List<CatalogueRows.PriceRow>> prices = rows.prices(variantIds, api.pricelists(), time.localNow());
        Map<Long, Map<String, String>> attributes = filter.includeAttributes() ? rows.attributes(productIds) : Map.of();

        ArrayNode products = JsonNodeFactory.instance.arrayNode();
        for (StockItemRow r : page.rows()) {
            ObjectNode o = CatalogueJson.base(r);
            CatalogueJson.productFields(o, r, categories.getOrDefault(r.productId(), List.of()),
                    images.getOrDefault(r.variantId(), List.of()),
                    CatalogueJson.prices(prices.getOrDefault(r.variantId(), List.of()), api.taxPercent()));
            if (api.returnCostPrice()) {
                CatalogueJson.costPrice(o, r);
            }
            if (filter.includeAttributes()) {
                CatalogueJson.attributes(o, attributes.getOrDefault(r.productId(), Map.of()));
            }
            products.add(o);
        }
        return CatalogueJson.envelope(products, filter, page.hasNext());
    }
}
