package dev.kassa.centra.sandbox.catalog;

import java.math.BigDecimal;
import java.time.LocalDateTime;

/** One size (stock item) with its variant and product, as the Order API lists it. */
public record StockItemRow(
        long stockItemId, String sizeSku, String size, String sizeComment, String ean, String upc,
        BigDecimal costPrice, String costPriceCurrency,
        long variantId, String variantSku, String variant,
        long productId, String sku, String name, String internalName, String brand, String collection,
        String folder, boolean active, LocalDateTime createdAt, String description, String shortDescription,
        String comment, String metaTitle, String metaDescription, String metaKeywords, BigDecimal weight,
        String weightUnit, String countryOfOrigin, String harmCode, String harmDescription) {
}
