package dev.kassa.centra.sandbox.orders;

import java.math.BigDecimal;
import java.time.LocalDateTime;

/**
 * An order as stored. {@code billing}, {@code delivery}, {@code payment} and {@code extraAttributes} are
 * the JSON objects the order was created with; {@code flow} says how it is fulfilled: {@code regular},
 * {@code check-first} or {@code allocation-request}.
 */
public record OrderRow(
        long number, String selectionId, String origin, String apiUri, String flow, String status,
        boolean prepared, long market, long pricelist, String currency, String country, long customerId,
        String billing, String delivery, String shippingList, BigDecimal shippingValue, BigDecimal voucherValue,
        String voucherCodes, String otherComment, String internalComment, String poNumber, String buyerName,
        boolean internalOrder, boolean adjustStock, String payment, String extraAttributes,
        LocalDateTime orderDate, LocalDateTime deliveryDate, LocalDateTime cancelDate,
        LocalDateTime createdAt, LocalDateTime modifiedAt) {

    public static final String PENDING = "1";
    public static final String CONFIRMED = "2";
    public static final String PROCESSING = "3";
    public static final String COMPLETED = "4";
    public static final String ARCHIVED = "5";
    public static final String CANCELLED = "6";

    public Payment paymentInfo() {
        return Payment.of(payment);
    }
}
