package dev.kassa.centra.sandbox.orders;

import dev.kassa.centra.sandbox.state.Decimals;
import dev.kassa.centra.sandbox.state.LocalDateTimes;
import dev.kassa.common.db.Chunks;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Orders and their lines in the shape of GET orders (§6.4), and the parts GET shipments shares with it
 * (§7.2). Prices include VAT; each line lists its allocation per warehouse by name.
 */
@Component
public class OrderJson {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    /** What a line shows of its size, variant and product. */
    public record ItemInfo(String sku, String variantSku, String sizeSku, String ean, String upc, String name,
                           String variant, String brand, String size, BigDecimal weight, String weightUnit,
                           String countryOfOrigin, String harmCode) {
    }

    private final JdbcClient jdbc;
    private final Orders orders;

    OrderJson(JdbcClient jdbc, Orders orders) {
        this.jdbc = jdbc;
        this.orders = orders;
    }

    public ArrayNode orders(List<OrderRow> rows) {
        List<Long> numbers = rows.stream().map(OrderRow::number).toList();
        Map<Long, List<LineRow>> lines = new HashMap<>();
        orders.lines(numbers).forEach(l -> lines.computeIfAbsent(l.orderNumber(), k -> new ArrayList<>()).add(l));
        Map<Long, List<AllocationRow>> allocations = new HashMap<>();
        orders.allocations(numbers).forEach(a -> allocations.computeIfAbsent(a.lineId(), k -> new ArrayList<>()).add(a));
        Map<Long, ItemInfo> info = items(lines.values().stream().flatMap(List::stream).map(LineRow::stockItemId).toList());
        Map<Long, String> warehouses = warehouseNames();
        Map<Long, List<ObjectNode>> shipments = shipmentSummaries(numbers);
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        for (OrderRow o : rows) {
            ObjectNode j = header(o);
            Payment p = o.paymentInfo();
            j.put("waitingForPayment", p.waiting() ? 1 : 0);
            List<LineRow> ls = lines.getOrDefault(o.number(), List.of());
            totals(j, o, ls);
            j.put("paymentPlugin", p.pluginId() == null ? "" : "payment-" + p.pluginId());
            j.put("paymentType", p == Payment.NONE ? "free" : "cc".equals(p.method()) ? "cc" : "3rd");
            j.put("paymentDescription", p.method() == null ? "" : p.method());
            j.put("paymentReference", p.transaction());
            j.put("paymentMethod", p.method());
            j.put("defaultCarrier", "");
            ArrayNode sh = j.putArray("shipments");
            shipments.getOrDefault(o.number(), List.of()).forEach(sh::add);
            ArrayNode products = j.putArray("products");
            for (LineRow l : ls) {
                ObjectNode line = line(l, info.get(l.stockItemId()));
                ArrayNode w = line.putArray("warehouses");
                for (AllocationRow a : allocations.getOrDefault(l.lineId(), List.of())) {
                    w.addObject().put("name", warehouses.get(a.warehouseId())).put("itemQty", a.qty());
                }
                line.put("isBundle", false);
                line.put("isPartOfBundle", false);
                products.add(line);
            }
            out.add(j);
        }
        return out;
    }

    /** The order fields GET orders and GET shipments share: ids, dates, addresses, flags. */
    public ObjectNode header(OrderRow o) {
        ObjectNode j = JsonNodeFactory.instance.objectNode();
        j.put("orderId", Long.toString(o.number()));
        j.put("selectionId", o.selectionId());
        j.put("orderStatus", o.status());
        j.put("orderDate", LocalDateTimes.format(o.orderDate()));
        j.put("cancelDate", o.cancelDate() == null ? null : LocalDateTimes.format(o.cancelDate()));
        j.put("preferredDeliveryDate", o.deliveryDate() == null ? null : LocalDateTimes.format(o.deliveryDate()));
        j.put("estimatedDeliveryDate", o.deliveryDate() == null ? null : LocalDateTimes.format(o.deliveryDate()));
        j.put("orderStore", "retail");
        j.put("orderCurrency", o.currency());
        j.put("customerId", Long.toString(o.customerId()));
        j.put("accountId", "0");
        j.put("marketId", o.market());
        j.put("pricelistId", o.pricelist());
        j.put("ipAddress", "");
        address(j, "delivery", MAPPER.readTree(o.delivery()), false);
        address(j, "billing", MAPPER.readTree(o.billing()), true);
        j.put("poNumber", o.poNumber());
        j.put("shippingList", o.shippingList());
        j.put("suspect", 0);
        j.put("internalOrder", o.internalOrder() ? 1 : 0);
        j.put("hold", 0);
        j.put("internalComment", o.internalComment());
        j.put("otherComment", o.otherComment());
        return j;
    }

    private static void address(ObjectNode j, String prefix, JsonNode a, boolean vat) {
        String name = (a.path("firstName").asString("") + " " + a.path("lastName").asString("")).trim();
        j.put(prefix + "Name", name);
        j.put(prefix + "Company", a.path("company").asString(""));
        j.put(prefix + "Email", a.path("email").asString(""));
        if (!vat) {
            j.put(prefix + "Cell", a.path("cell").asString(""));
        }
        j.put(prefix + "Tele", a.path("tele").asString(""));
        j.put(prefix + "Address", a.path("address").asString(""));
        j.put(prefix + "Coaddress", a.path("coaddress").asString(""));
        j.put(prefix + "Zipcode", a.path("zipcode").asString(""));
        j.put(prefix + "City", a.path("city").asString(""));
        j.put(prefix + "State", a.path("state").asString(""));
        j.put(prefix + "Country", a.path("country").asString(""));
        if (vat) {
            j.put(prefix + "VAT", "");
        }
    }

    /** Totals; every price includes VAT, so the tax is the part of the price above price / (1 + rate). */
    public void totals(ObjectNode j, OrderRow o, List<LineRow> lines) {
        BigDecimal items = BigDecimal.ZERO;
        BigDecimal itemsTax = BigDecimal.ZERO;
        BigDecimal discount = BigDecimal.ZERO;
        Map<BigDecimal, BigDecimal> taxByRate = new java.util.TreeMap<>();
        for (LineRow l : lines) {
            BigDecimal total = l.unitPrice().multiply(BigDecimal.valueOf(l.qty()));
            BigDecimal tax = taxOf(total, l.taxPercent());
            items = items.add(total);
            itemsTax = itemsTax.add(tax);
            discount = discount.add(l.originalPrice().subtract(l.unitPrice()).max(BigDecimal.ZERO)
                    .multiply(BigDecimal.valueOf(l.qty())));
            taxByRate.merge(l.taxPercent(), tax, BigDecimal::add);
        }
        BigDecimal grand = items.add(o.shippingValue()).subtract(o.voucherValue());
        BigDecimal rate = lines.isEmpty() ? BigDecimal.ZERO : lines.get(0).taxPercent();
        BigDecimal grandTax = itemsTax.add(taxOf(o.shippingValue().subtract(o.voucherValue()), rate));
        j.put("shippingValue", Decimals.plain(o.shippingValue()));
        j.put("voucherValue", Decimals.plain(o.voucherValue()));
        j.put("grandTotalValue", Decimals.plain(grand));
        j.put("grandTotalTaxValue", Decimals.plain(grandTax));
        j.put("taxAdded", 0);
        j.put("taxDeducted", 0);
        j.put("totalItemsPrice", Decimals.plain(items));
        j.put("totalItemsPriceTax", Decimals.plain(itemsTax));
        j.put("totalItemsWithoutTax", Decimals.plain(items.subtract(itemsTax)));
        j.put("totalItemsDiscount", Decimals.plain(discount));
        ArrayNode breakdown = j.putArray("taxBreakdown");
        taxByRate.forEach((r, v) -> breakdown.addObject().put("description", "VAT").put("taxPercent", Decimals.plain(r))
                .put("value", Decimals.plain(v)));
        ObjectNode d = j.putObject("discounts");
        d.put("anyDiscount", discount.signum() > 0 || o.voucherValue().signum() > 0);
        BigDecimal all = discount.add(o.voucherValue());
        d.put("discount", all.setScale(2, RoundingMode.HALF_UP).toPlainString() + " " + o.currency());
        d.put("discountAsNumber", Decimals.plain(all));
        ArrayNode vouchers = d.putArray("vouchers");
        if (!o.voucherCodes().isEmpty()) {
            for (String code : o.voucherCodes().split("\n")) {
                vouchers.addObject().put("voucher", code).put("name", code).put("priceOff", "")
                        .put("priceOffAsANumber", 0).put("description", "").put("isCredit", false)
                        .put("originalPriceOff", "").put("originalPriceOffAsNumber", 0);
            }
        }
        d.putArray("automaticDiscounts");
    }

    static BigDecimal taxOf(BigDecimal gross, BigDecimal ratePercent) {
        if (ratePercent.signum() == 0) {
            return BigDecimal.ZERO;
        }
        return gross.multiply(ratePercent).divide(HUNDRED.add(ratePercent), 2, RoundingMode.HALF_UP);
    }

    /** One order line with its item; the caller adds {@code warehouses}. */
    public ObjectNode line(LineRow l, ItemInfo i) {
        ObjectNode line = JsonNodeFactory.instance.objectNode();
        BigDecimal qty = BigDecimal.valueOf(l.qty());
        BigDecimal total = l.unitPrice().multiply(qty);
        BigDecimal unitTax = taxOf(l.unitPrice(), l.taxPercent());
        BigDecimal totalTax = taxOf(total, l.taxPercent());
        BigDecimal reduction = l.originalPrice().subtract(l.unitPrice()).max(BigDecimal.ZERO);
        line.put("lineId", Long.toString(l.lineId()));
        line.put("sku", i.sku() + i.variantSku() + i.sizeSku());
        line.put("variantSku", i.variantSku());
        line.put("sizeSku", i.sizeSku());
        line.put("ean", i.ean() == null ? "" : i.ean());
        line.put("upc", i.upc() == null ? "" : i.upc());
        line.put("name", i.name());
        line.put("variant", i.variant());
        line.put("brand", i.brand() == null ? "" : i.brand());
        line.put("size", i.size());
        line.put("localizedSize", (String) null);
        line.put("qty", l.qty());
        line.put("originalPrice", Decimals.plain(l.originalPrice()));
        line.put("price", Decimals.plain(l.unitPrice()));
        line.put("weight", Decimals.plain(i.weight()));
        line.put("weightUnit", i.weightUnit());
        line.put("countryOfOrigin", i.countryOfOrigin());
        line.put("harmCode", i.harmCode());
        line.put("comment", l.comment());
        line.put("otherComment", "");
        line.put("taxPercent", Decimals.plain(l.taxPercent()));
        line.put("priceDiscount", Decimals.plain(reduction));
        line.put("priceDiscountAsPercent", l.originalPrice().signum() == 0 ? BigDecimal.ZERO : Decimals.plain(reduction
                .multiply(HUNDRED).divide(l.originalPrice(), 2, RoundingMode.HALF_UP)));
        line.put("taxValue", Decimals.plain(unitTax));
        line.put("totalTaxValue", Decimals.plain(totalTax));
        line.put("totalPrice", Decimals.plain(total));
        line.put("totalPriceWithoutTax", Decimals.plain(total.subtract(totalTax)));
        line.put("totalPriceWithTax", Decimals.plain(total));
        line.put("anyDiscount", reduction.signum() > 0);
        line.put("priceEachWithoutTax", Decimals.plain(l.unitPrice().subtract(unitTax)));
        line.put("priceEachReduction", Decimals.plain(reduction));
        return line;
    }

    public Map<Long, ItemInfo> items(Collection<Long> stockItemIds) {
        Map<Long, ItemInfo> out = new HashMap<>();
        Chunks.eachAscending(stockItemIds, slice -> jdbc.sql("""
                select si.stock_item_id, p.sku, v.sku, si.size_sku, si.ean, si.upc, p.name, v.name, p.brand,
                       si.size_name, p.weight, p.weight_unit, p.country_of_origin, p.harm_code
                from centra_stock_item si join centra_variant v on v.variant_id = si.variant_id
                join centra_product p on p.product_id = v.product_id where si.stock_item_id in (:ids)""")
                .param("ids", slice).query(rs -> {
                    out.put(rs.getLong(1), new ItemInfo(rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                            rs.getString(10), rs.getBigDecimal(11), rs.getString(12), rs.getString(13),
                            rs.getString(14)));
                }));
        return out;
    }

    public Map<Long, String> warehouseNames() {
        Map<Long, String> out = new HashMap<>();
        jdbc.sql("select id, name from centra_warehouse").query(rs -> {
            out.put(rs.getLong(1), rs.getString(2));
        });
        return out;
    }

    private Map<Long, List<ObjectNode>> shipmentSummaries(Collection<Long> orderNumbers) {
        Map<Long, List<ObjectNode>> out = new HashMap<>();
        Chunks.eachAscending(orderNumbers, slice -> jdbc.sql("""
                select order_number, shipment_id, shipped_at, carrier, service, tracking, return_slip_tracking
                from centra_shipment where order_number in (:orders) order by order_number, shipment_seq""")
                .param("orders", slice).query(rs -> {
                    ObjectNode s = JsonNodeFactory.instance.objectNode();
                    s.put("shipmentId", rs.getString(2));
                    s.put("shippedDate", rs.getTimestamp(3) == null ? "0000-00-00 00:00:00"
                            : LocalDateTimes.format(rs.getTimestamp(3).toLocalDateTime()));
                    s.put("carrier", rs.getString(4));
                    s.put("service", rs.getString(5));
                    s.put("trackingId", rs.getString(6));
                    s.put("trackingUrl", "");
                    s.put("returnSlipTracking", rs.getString(7));
                    out.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(s);
                }));
        return out;
    }
}
