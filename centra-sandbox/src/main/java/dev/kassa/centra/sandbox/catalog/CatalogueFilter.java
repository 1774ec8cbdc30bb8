package dev.kassa.centra.sandbox.catalog;

import dev.kassa.centra.sandbox.orderapi.OrderApiException;
import dev.kassa.centra.sandbox.orderapi.QueryParams;
import jakarta.servlet.http.HttpServletRequest;
import java.time.LocalDateTime;

/**
 * The query parameters of GET products and GET stock (§4, §5.1). Unknown parameters are ignored, as a
 * web API does; a documented parameter with a value of the wrong type is a 400 naming it.
 *
 * @param limit page size, capped at {@link #MAX_LIMIT}; null means everything in one response
 * @param page  1-based page, used only with a limit (§13.3)
 */
public record CatalogueFilter(
        String sku, String ean, String upc, Long productId, Long variantId, Long stockItemId,
        LocalDateTime modified, LocalDateTime created, LocalDateTime stockModified,
        Integer limit, int page, boolean includeAttributes, boolean excludePhysicalStock) {

    public static final int MAX_LIMIT = 1000;

    /** Reads the parameters; {@code forStock} admits the ones only GET stock documents. */
    public static CatalogueFilter from(HttpServletRequest request, boolean forStock) {
        Integer limit = positiveInt(request, "limit");
        Integer page = positiveInt(request, "page");
        String include = request.getParameter("include");
        String exclude = forStock ? request.getParameter("exclude") : null;
        return new CatalogueFilter(
                text(request, "sku"), text(request, "ean"), forStock ? text(request, "upc") : null,
                id(request, "productId"), id(request, "variantId"), id(request, "stockItemId"),
                date(request, "modified"), date(request, "created"),
                forStock ? date(request, "stock_modified") : null,
                limit == null ? null : Math.min(limit, MAX_LIMIT), limit == null || page == null ? 1 : page,
                include != null && include.contains("attributes"),
                exclude != null && exclude.contains("physicalStock"));
    }

    public int offset() {
        return limit == null ? 0 : (page - 1) * limit;
    }

    private static String text(HttpServletRequest request, String name) {
        return QueryParams.of(request).text(name).orElse(null);
    }

    private static Long id(HttpServletRequest request, String name) {
        return QueryParams.of(request).optionalInteger(name).orElse(null);
    }

    private static Integer positiveInt(HttpServletRequest request, String name) {
        Long v = id(request, name);
        if (v == null) {
            return null;
        }
        if (v < 1 || v > Integer.MAX_VALUE) {
            throw OrderApiException.badRequest(name + " must be a positive integer, got '" + v + "'");
        }
        return v.intValue();
    }

    private static LocalDateTime date(HttpServletRequest request, String name) {
        return QueryParams.of(request).dateTime(name).orElse(null);
    }
}
