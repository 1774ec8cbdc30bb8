package dev.kassa.connector.stock;

import dev.kassa.centra.api.IntegrationApiClient;
import dev.kassa.centra.api.OrderApiClient;
import dev.kassa.connector.centra.IntegrationApiPipe;
import dev.kassa.centra.api.StockRow;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The stock rows one write needs, in as few GET stock calls as the Order API allows (decision 0006, point
 * 11). GET stock filters by one identifier per call, or pages through the endpoint's whole catalogue
 * ({@code limit} up to 1,000, ordered by stock item). So a write of k items reads item by item when that is
 * fewer calls (k ≤ the catalogue's pages), else it reads the pages, at most k − 1 of them, and reads item by
 * item whatever the pages did not hold (the mirror's count was low, the item is new, or Centra does not list it).
 */
final class StockReads {

    /** GET stock's largest page (spec: a larger limit is capped at 1,000). */
    static final int PAGE = 1000;

    /** How the reads of one write went: calls made, item by item and by page. */
    record Calls(int items, int pages) {
        int total() {
            return items + pages;
        }
    }

    private final OrderApiClient client;
    private final Map<String, StockRow> byFilter = new HashMap<>();
    private int itemCalls;
    private int pageCalls;

    private StockReads(OrderApiClient client) {
        this.client = client;
    }

    /**
     * The reads for a write of {@code items} items through {@code client}, whose catalogue the mirror puts at
     * {@code catalogueItems} stock items (0: unknown, so item by item).
     */
    static StockReads forWrite(OrderApiClient client, int items, long catalogueItems) {
        StockReads reads = new StockReads(client);
        long pages = (catalogueItems + PAGE - 1) / PAGE;
        if (catalogueItems > 0 && items > pages) {
            reads.readPages(items - 1);
        }
        return reads;
    }

    private void readPages(int most) {
        for (int page = 1; page <= most; page++) {
            List<StockRow> rows = client.stock(Map.of("limit", Integer.toString(PAGE), "page", Integer.toString(page)));
            pageCalls++;
            for (StockRow r : rows) {
                byFilter.putIfAbsent("stockItemId=" + r.stockItemId(), r);
                if (r.ean() != null && !r.ean().isBlank()) {
                    byFilter.putIfAbsent("ean=" + r.ean(), r);
                }
            }
            if (rows.size() < PAGE) {
                return; // the last page
            }
        }
    }

    /**
     * The reads for a write through Centra's Integration API: every item's stock in the store's warehouse, in
     * the query that carries the reads of every store asking at about the same time (decision 0025). Items are read by their size id ({@code stockItemId=…}); an
     * item the mirror knows only by EAN has no row.
     */
    static StockReads viaIntegrationApi(IntegrationApiPipe api, long warehouse, java.util.Collection<String> filters) {
        StockReads reads = new StockReads(null);
        List<Long> ids = new java.util.ArrayList<>();
        for (String f : filters) {
            Long id = sizeId(f);
            if (id != null) {
                ids.add(id);
            }
        }
        if (!ids.isEmpty()) {
            api.stock(warehouse, ids).forEach((id, s) -> reads.byFilter.put("stockItemId=" + id,
                    new StockRow(id, s.ean(), null, s.physical(), s.allocated(), s.physical() - s.allocated())));
            reads.pageCalls += (ids.size() + IntegrationApiClient.PAGE - 1) / IntegrationApiClient.PAGE;
        }
        return reads;
    }

    /** The Centra size id a read filter names, or null when it names the item otherwise (by EAN). */
    static Long sizeId(String filter) {
        if (!filter.startsWith("stockItemId=")) {
            return null;
        }
        try {
            return Long.parseLong(filter.substring("stockItemId=".length()));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The row of {@code product} that the GET stock filter {@code filter} ({@code stockItemId=…} or {@code ean=…}) finds. */
    Optional<StockRow> row(String filter, String product) {
        StockRow paged = byFilter.get(filter);
        if (paged != null) {
            return Optional.of(paged);
        }
        if (client == null) {
            return Optional.empty(); // the Integration API's one query named every size it knows
        }
        // not on the pages (even when they were all read): asked for by name, as before, rather than concluding
        // from a list whose completeness Centra does not document that the item is unknown
        itemCalls++;
        return StockWriter.read(client, filter, product);
    }

    Calls calls() {
        return new Calls(itemCalls, pageCalls);
    }
}
