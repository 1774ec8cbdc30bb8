package dev.kassa.centra.api;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * An order as {@code GET orders} shows it (spec §6.4), with the fields the connector reads, in Centra's loose
 * types read once here: numbers as numbers or strings, absent text as empty. Each line says how many of its
 * items Centra allocated to which warehouse; the Order API names warehouses by name in orders.
 *
 * @param status {@code orderStatus} (1 pending … 4 shipped), as Centra wrote it
 * @param statusText {@code status}, the status in words where the endpoint gives it
 */
public record CentraOrder(long number, String orderId, String status, String statusText, String orderDate,
                          String internalComment, String paymentReference, String selectionId, String paymentPlugin,
                          String currency, String grandTotal, String defaultCarrier, String preferredDeliveryDate,
                          Delivery delivery, List<Line> lines, List<String> shipmentIds) {

    public CentraOrder {
        lines = List.copyOf(lines);
        shipmentIds = List.copyOf(shipmentIds);
    }

    /** Where the order goes, each part empty when Centra gave none. */
    public record Delivery(String name, String address, String coaddress, String zipcode, String city, String country,
                           String email, String cell, String tele) {

        /** The address parts that are there, in order. */
        public List<String> addressParts() {
            return present(address, coaddress, zipcode, city, country);
        }

        /** E-mail, mobile and telephone, those that are there. */
        public List<String> contact() {
            return present(email, cell, tele);
        }

        /** Name, address parts and contact, those that are there. */
        public List<String> all() {
            List<String> out = new ArrayList<>(present(name));
            out.addAll(addressParts());
            out.addAll(contact());
            return out;
        }

        private static List<String> present(String... parts) {
            return java.util.Arrays.stream(parts).filter(p -> !p.isBlank()).toList();
        }
    }

    /** An order line: its item, how many, the unit price, and where Centra allocated them. */
    public record Line(long lineId, String ean, String sku, String variantSku, String sizeSku, String name, String variant,
                       String size, int quantity, BigDecimal price, List<Allocation> allocations) {

        public Line {
            allocations = List.copyOf(allocations);
        }

        /** How many of the line's items Centra allocated to the warehouse of that name. */
        public int quantityIn(String warehouseName) {
            return allocations.stream().filter(a -> a.warehouse().equals(warehouseName)).mapToInt(Allocation::quantity).sum();
        }
    }

    /** {@code quantity} items of a line allocated to the warehouse named {@code warehouse}. */
    public record Allocation(String warehouse, int quantity) {
    }

    /** The lines with items allocated to the warehouse of that name. */
    public List<Line> linesIn(String warehouseName) {
        return lines.stream().filter(l -> l.quantityIn(warehouseName) > 0).toList();
    }

    /** Whether Centra still holds the order back for its check-first offers (order status 1, pending). */
    public boolean pending() {
        return status.equals("1") || statusText.equalsIgnoreCase("pending");
    }

    /** Shipped (status 4) or with a shipment: nothing is left to ship. */
    public boolean shipped() {
        return !shipmentIds.isEmpty() || status.equals("4");
    }

    /** Reads an order object of {@code GET orders}. */
    public static CentraOrder parse(JsonNode o) {
        List<Line> lines = new ArrayList<>();
        for (JsonNode l : o.path("products")) {
            List<Allocation> allocations = new ArrayList<>();
            for (JsonNode w : l.path("warehouses")) {
                allocations.add(new Allocation(text(w.get("name")), (int) Loose.longValue(w.get("itemQty"))));
            }
            lines.add(new Line(Loose.longValue(l.get("lineId")), text(l.get("ean")), text(l.get("sku")), text(l.get("variantSku")),
                    text(l.get("sizeSku")), text(l.get("name")), text(l.get("variant")), text(l.get("size")),
                    (int) Loose.longValue(l.get("qty")), Objects.requireNonNullElse(Loose.decimal(l.get("price")), BigDecimal.ZERO),
                    allocations));
        }
        List<String> shipments = new ArrayList<>();
        for (JsonNode s : o.path("shipments")) {
            shipments.add(text(s.get("shipmentId")));
        }
        Delivery delivery = new Delivery(text(o.get("deliveryName")), text(o.get("deliveryAddress")), text(o.get("deliveryCoaddress")),
                text(o.get("deliveryZipcode")), text(o.get("deliveryCity")), text(o.get("deliveryCountry")),
                text(o.get("deliveryEmail")), text(o.get("deliveryCell")), text(o.get("deliveryTele")));
        String orderId = text(o.get("orderId")).trim();
        return new CentraOrder(orderId.isEmpty() ? 0 : Loose.longValue(o.get("orderId")), orderId, text(o.get("orderStatus")),
                text(o.get("status")), text(o.get("orderDate")), text(o.get("internalComment")), text(o.get("paymentReference")),
                text(o.get("selectionId")), text(o.get("paymentPlugin")), text(o.get("orderCurrency")), text(o.get("grandTotalValue")),
                text(o.get("defaultCarrier")), text(o.get("preferredDeliveryDate")), delivery, lines, shipments);
    }

    private static String text(JsonNode n) {
        return Objects.requireNonNullElse(Loose.text(n), "");
    }
}
