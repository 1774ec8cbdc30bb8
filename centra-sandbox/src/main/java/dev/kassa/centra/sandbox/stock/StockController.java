package dev.kassa.centra.sandbox.stock;

import dev.kassa.centra.sandbox.catalog.CatalogueFilter;
import dev.kassa.centra.sandbox.catalog.CatalogueJson;
import dev.kassa.centra.sandbox.catalog.CataloguePage;
import dev.kassa.centra.sandbox.catalog.CatalogueRows;
import dev.kassa.centra.sandbox.catalog.CatalogueRows.StockSum;
import dev.kassa.centra.sandbox.catalog.StockItemRow;
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
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** {@code GET <base>/stock} (§5.1) and {@code POST <base>/stock} (§5.2). */
@OrderApiController
class StockController {

    private final OrderApiGuard guard;
    private final CatalogueRows rows;
    private final StockUpdater updater;

    StockController(OrderApiGuard guard, CatalogueRows rows, StockUpdater updater) {
        this.guard = guard;
        this.rows = rows;
        this.updater = updater;
    }

    @GetMapping({"/api/{uri}/stock", "/api/{uri}/stock/"})
    @Transactional(readOnly = true)
    ObjectNode stock(@PathVariable String uri, HttpServletRequest request) {
        OrderApiInstance api = guard.authorize(uri, request, OrderApiEndpoint.GET_STOCK);
        CatalogueFilter filter = CatalogueFilter.from(request, true);
        CataloguePage page = rows.page(filter, api.warehouses());
        List<Long> ids = page.rows().stream().map(StockItemRow::stockItemId).toList();
        Map<Long, StockSum> stock = rows.stock(ids, api.warehouses());
        Map<Long, Map<String, String>> attributes = filter.includeAttributes()
                ? rows.attributes(page.rows().stream().map(StockItemRow::productId).toList()) : Map.of();

        ArrayNode products = JsonNodeFactory.instance.arrayNode();
        for (StockItemRow r : page.rows()) {
            ObjectNode o = CatalogueJson.base(r);
            // The documented GET stock example carries categoryName null, unlike GET products.
            o.putNull("categoryName");
            StockSum sum = stock.getOrDefault(r.stockItemId(), StockSum.NONE);
            if (!filter.excludePhysicalStock()) {
                o.put("physicalStock", sum.physical());
            }
            o.put("allocatedStock", sum.allocated());
            o.put("availableStock", sum.physical() - sum.allocated());
            if (filter.includeAttributes()) {
                CatalogueJson.attributes(o, attributes.getOrDefault(r.productId(), Map.of()));
            }
            products.add(o);
        }
        return CatalogueJson.envelope(products, filter, page.hasNext());
    }

    /** POST is the documented method; PUT is accepted too because docs before 2021 named it (§5.2). */
    @RequestMapping(path = {"/api/{uri}/stock", "/api/{uri}/stock/"}, method = {RequestMethod.POST, RequestMethod.PUT})
    ObjectNode update(@PathVariable String uri, HttpServletRequest request) {
        OrderApiInstance api = guard.authorize(uri, request, OrderApiEndpoint.UPDATE_STOCK);
        List<StockLine> lines = StockLine.parse(guard.body(request));
        return updater.apply(api, lines).toJson();
    }
}
