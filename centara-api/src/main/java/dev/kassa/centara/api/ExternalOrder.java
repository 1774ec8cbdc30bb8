package dev.kassa.centara.api;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * An order made elsewhere, for a Centara store (spec/centara-external-orders.md A): the store, when it was
 * created and is due, the reference (the Centra order number), the items with their Centara ItemIds, the
 * payments with their tender codes. Checked when built, against the page's required fields and lengths, so
 * a bad order is refused here with the field named, before any call.
 */
public record ExternalOrder(int storeId, OffsetDateTime created, OffsetDateTime dueAt, String referenceNumber,
                            String language, String notes, String customerId, List<Item> items, List<Payment> payments,
                            List<InfoCode> infoCodes) {

    public record Item(String itemId, BigDecimal quantity, BigDecimal price, BigDecimal discount, String description) {
    }

    /** A payment; {@code authorization} is optional (the web shop's PSP authorisation). */
    public record Payment(BigDecimal amount, OffsetDateTime timeStamp, int tenderCode, String description,
                          Authorization authorization) {
    }

    public record Authorization(OffsetDateTime transactionDateTime, String authorisationCode, String hostTransactionNumber,
                                String provider) {
    }

    public record InfoCode(String id, String value) {
    }

    public ExternalOrder {
        items = items == null ? List.of() : List.copyOf(items);
        payments = payments == null ? List.of() : List.copyOf(payments);
        infoCodes = infoCodes == null ? List.of() : List.copyOf(infoCodes);
        List<String> problems = new ArrayList<>();
        if (storeId < 1) {
            problems.add("StoreId: must be a Centara store id (1 or more), got " + storeId);
        }
        if (created == null) {
            problems.add("Created: is required");
        }
        length(problems, "ReferenceNumber", referenceNumber, 20);
        length(problems, "Language", language, 3);
        length(problems, "Customer.CustomerId", customerId, 24);
        if (items.isEmpty()) {
            problems.add("Items: at least one item is required");
        }
        for (int i = 0; i < items.size(); i++) {
            Item it = items.get(i);
            String p = "Items[" + i + "]";
            if (it.itemId() == null || it.itemId().isBlank()) {
                problems.add(p + ".ItemId: is required");
            }
            length(problems, p + ".ItemId", it.itemId(), 24);
            length(problems, p + ".Description", it.description(), 80);
            if (it.quantity() == null || it.quantity().signum() <= 0) {
                problems.add(p + ".Quantity: must be more than 0, got " + it.quantity());
            }
            if (it.price() == null || it.price().signum() < 0) {
                problems.add(p + ".Price: is required and cannot be negative, got " + it.price());
            }
        }
        for (int i = 0; i < payments.size(); i++) {
            Payment pay = payments.get(i);
            String p = "Payments[" + i + "]";
            if (pay.amount() == null) {
                problems.add(p + ".Amount: is required");
            }
            if (pay.timeStamp() == null) {
                problems.add(p + ".TimeStamp: is required");
            }
            length(problems, p + ".Description", pay.description(), 20);
            Authorization a = pay.authorization();
            if (a != null && (a.transactionDateTime() == null || a.authorisationCode() == null || a.authorisationCode().isBlank())) {
                problems.add(p + ".Authorization: TransactionDateTime and AuthorisationCode are required");
            }
        }
        for (int i = 0; i < infoCodes.size(); i++) {
            InfoCode c = infoCodes.get(i);
            if (c.id() == null || c.id().isBlank() || c.value() == null) {
                problems.add("InfoCodes[" + i + "]: Id and Value are required");
            }
            length(problems, "InfoCodes[" + i + "].Id", c.id(), 200);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("the external order is not valid: " + String.join("; ", problems));
        }
    }

    private static void length(List<String> problems, String field, String value, int max) {
        if (value != null && value.length() > max) {
            problems.add(field + ": at most " + max + " characters, got " + value.length());
        }
    }

    /** The order as Centara's API takes it (PascalCase, spec B.1). */
    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("StoreId", storeId).put("Created", created.toString());
        if (dueAt != null) {
            o.put("DueAt", dueAt.toString());
        }
        putIf(o, "ReferenceNumber", referenceNumber);
        putIf(o, "Language", language);
        putIf(o, "Notes", notes);
        if (customerId != null) {
            o.putObject("Customer").put("CustomerId", customerId);
        }
        ArrayNode its = o.putArray("Items");
        for (Item i : items) {
            ObjectNode j = its.addObject().put("ItemId", i.itemId()).put("Quantity", i.quantity()).put("Price", i.price());
            if (i.discount() != null) {
                j.put("Discount", i.discount());
            }
            putIf(j, "Description", i.description());
        }
        ArrayNode pays = o.putArray("Payments");
        for (Payment p : payments) {
            ObjectNode j = pays.addObject().put("Amount", p.amount()).put("TimeStamp", p.timeStamp().toString())
                    .put("TenderCode", p.tenderCode());
            putIf(j, "Description", p.description());
            Authorization a = p.authorization();
            if (a != null) {
                ObjectNode aj = j.putObject("Authorization").put("TransactionDateTime", a.transactionDateTime().toString())
                        .put("AuthorisationCode", a.authorisationCode());
                putIf(aj, "HostTransactionNumber", a.hostTransactionNumber());
                putIf(aj, "Provider", a.provider());
            }
        }
        if (!infoCodes.isEmpty()) {
            ArrayNode codes = o.putArray("InfoCodes");
            infoCodes.forEach(c -> codes.addObject().put("Id", c.id()).put("Value", c.value()));
        }
        return o;
    }

    private static void putIf(ObjectNode o, String field, String value) {
        if (value != null) {
            o.put(field, value);
        }
    }
}
