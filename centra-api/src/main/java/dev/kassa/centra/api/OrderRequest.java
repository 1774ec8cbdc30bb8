package dev.kassa.centra.api;

import java.math.BigDecimal;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A {@code POST order} body (spec §6.1) for a sale that already happened elsewhere (a shop's till): the
 * buyer's e-mail, first name and country; {@code internalComment} to find the order again; the order date
 * in Centra's format; its products (by stock item id or EAN, each with its quantity and, when known, unit
 * price); and, when every price is known, a payment already captured. Centra lowers its stock
 * ({@code adjustStock}) and sends the buyer no e-mail.
 */
public record OrderRequest(String email, String firstName, String country, String internalComment, String orderDate,
                           List<Product> products, Capture capture) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public OrderRequest {
        products = List.copyOf(products);
        if (products.isEmpty()) {
            throw new IllegalArgumentException("an order needs at least one product");
        }
    }

    /** A product of the order: {@code stockItemId} or else {@code ean} names it; {@code unitPrice} null: Centra's price. */
    public record Product(Long stockItemId, String ean, int quantity, BigDecimal unitPrice) {
        public Product {
            if ((stockItemId == null) == (ean == null)) {
                throw new IllegalArgumentException("a product is named by its stock item id or its EAN, one of them");
            }
        }
    }

    /** The payment, captured already: its amount, the method's name and the transaction it was. */
    public record Capture(BigDecimal amount, String method, String transaction) {
    }

    ObjectNode json() {
        ObjectNode order = JsonNodeFactory.instance.objectNode();
        order.putObject("address").put("email", email).put("firstName", firstName).put("country", country);
        order.put("adjustStock", true).put("sendEmail", false).put("internalComment", internalComment);
        order.put("orderDate", orderDate);
        ArrayNode lines = order.putArray("products");
        for (Product p : products) {
            ObjectNode line = lines.addObject();
            if (p.stockItemId() != null) {
                line.put("id", p.stockItemId());
            } else {
                line.put("ean", p.ean());
            }
            line.put("qty", p.quantity());
            if (p.unitPrice() != null) {
                line.put("unitPrice", p.unitPrice());
            }
        }
        if (capture != null) {
            order.putObject("payment").putObject("capture").put("status", 1).put("amount", capture.amount())
                    .put("method", capture.method()).put("transaction", capture.transaction());
        }
        return order;
    }

    /** The body as sent, for a record of what would be sent (shadow mode). */
    public String toJson() {
        return JSON.writeValueAsString(json());
    }
}
