package dev.kassa.centra.sandbox.catalog;

import java.util.List;

/** One page of stock items, and whether more follow. */
public record CataloguePage(List<StockItemRow> rows, boolean hasNext) {
}
