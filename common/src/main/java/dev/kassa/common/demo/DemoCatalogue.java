package dev.kassa.common.demo;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo retailer's range ("Nordvik"), shared by both sandboxes so that the Centra demo's EANs are the
 * Centara demo's barcodes: models, their colours (variants) and sizes (stock items), numbered the same way
 * everywhere. Stock item ids run from 1001 in model, colour, size order; EANs are 735 + the id.
 */
public final class DemoCatalogue {

    public record Model(String sku, String name, String folder, String category, List<Colour> colours,
                        List<String> sizes, int sek, int eur, BigDecimal cost) {
    }

    public record Colour(String code, String name) {
    }

    /** One variant of a model with its sizes. */
    public record Variant(int modelIndex, Model model, Colour colour, long variantId, List<Size> sizes) {
    }

    /** One stock item: a size of a variant. */
    public record Size(long stockItemId, String name, String sizeSku, String ean) {
    }

    public static final List<Model> MODELS = List.of(
            new Model("LS100", "Linen Shirt", "Tops / Shirts", "Men / Shirts",
                    List.of(new Colour("WH", "White"), new Colour("NV", "Navy")),
                    List.of("S", "M", "L", "XL"), 599, 59, new BigDecimal("180.00")),
            new Model("WS200", "Wool Sweater", "Tops / Knitwear", "Men / Knitwear",
                    List.of(new Colour("GR", "Grey"), new Colour("BK", "Black")),
                    List.of("S", "M", "L"), 1199, 119, new BigDecimal("410.00")),
            new Model("CT300", "Chino Trousers", "Bottoms / Trousers", "Men / Trousers",
                    List.of(new Colour("KH", "Khaki"), new Colour("NV", "Navy")),
                    List.of("30", "32", "34", "36"), 899, 89, new BigDecimal("260.00")),
            new Model("TB400", "Canvas Tote", "Accessories / Bags", "Accessories",
                    List.of(new Colour("NA", "Natural")),
                    List.of("One Size"), 249, 25, new BigDecimal("60.00")),
            new Model("LB500", "Leather Belt", "Accessories / Belts", "Accessories",
                    List.of(new Colour("BR", "Brown"), new Colour("BK", "Black")),
                    List.of("85", "90", "95"), 449, 45, new BigDecimal("120.00")),
            new Model("MS600", "Merino Socks", "Accessories / Socks", "Accessories",
                    List.of(new Colour("GR", "Grey")),
                    List.of("39-42", "43-46"), 149, 15, new BigDecimal("35.00")));

    private DemoCatalogue() {
    }

    /** Every variant in order, variant ids from 101, stock item ids from 1001. */
    public static List<Variant> variants() {
        List<Variant> out = new ArrayList<>();
        long variantId = 100;
        long stockItemId = 1000;
        for (int m = 0; m < MODELS.size(); m++) {
            Model model = MODELS.get(m);
            for (Colour colour : model.colours()) {
                variantId++;
                List<Size> sizes = new ArrayList<>();
                for (String sizeName : model.sizes()) {
                    stockItemId++;
                    sizes.add(new Size(stockItemId, sizeName, sizeName.equals("One Size") ? "OS" : sizeName,
                            Ean13.of("735", stockItemId)));
                }
                out.add(new Variant(m, model, colour, variantId, List.copyOf(sizes)));
            }
        }
        return List.copyOf(out);
    }
}
