package dev.kassa.connector.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a Centra stock item becomes a Centara ItemId ({@code kassa.connector.item-id-pattern}): text with the
 * placeholders {@code {sku}}, {@code {variantSku}}, {@code {sizeSku}}, {@code {ean}} and {@code {stockItemId}}.
 * The default {@code {sku}-{variantSku}-{sizeSku}} turns Centra's LS100 / WH / S into {@code LS100-WH-S}.
 * Empty parts leave no doubled dashes behind ({@code TB400-NA-} becomes {@code TB400-NA}).
 */
public final class ItemIdPattern {

    private static final Set<String> PLACEHOLDERS = Set.of("sku", "variantSku", "sizeSku", "ean", "stockItemId");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}]*)}");

    private final String pattern;

    public ItemIdPattern(String pattern) {
        if (pattern == null || pattern.isBlank()) {
            throw new IllegalArgumentException("must not be blank");
        }
        List<String> unknown = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(pattern);
        int found = 0;
        while (m.find()) {
            found++;
            if (!PLACEHOLDERS.contains(m.group(1))) {
                unknown.add("{" + m.group(1) + "}");
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown placeholder(s) " + String.join(", ", unknown)
                    + "; known are {sku}, {variantSku}, {sizeSku}, {ean}, {stockItemId}");
        }
        if (found == 0) {
            throw new IllegalArgumentException("needs at least one placeholder such as {ean}, got '" + pattern + "'");
        }
        this.pattern = pattern;
    }

    /** The ItemId of a stock item; values missing from {@code parts} count as empty. */
    public String itemId(Map<String, String> parts) {
        Matcher m = PLACEHOLDER.matcher(pattern);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = parts.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? "" : value.trim()));
        }
        m.appendTail(out);
        return out.toString().replaceAll("-{2,}", "-").replaceAll("^-|-$", "");
    }

    @Override
    public String toString() {
        return pattern;
    }
}
