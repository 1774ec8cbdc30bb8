package dev.kassa.centra.api;

import java.math.BigDecimal;
import java.util.List;

/** One stock item (a size of a variant) from GET products (spec §4), with its prices per pricelist. */
public record ProductRow(long stockItemId, String sku, String variantSku, String sizeSku, String ean, String upc,
                         String name, String variant, String size, boolean active, List<Price> prices) {

    /** {@code taxPercent} is present when the endpoint returns tax for a country (§13.5); then price includes it. */
    public record Price(String pricelist, BigDecimal price, String currency, BigDecimal taxPercent) {
    }

    /** One page of GET products; {@code nextPage} is absent on the last page. */
    public record Page(List<ProductRow> rows, java.util.OptionalInt nextPage) {
    }
}
