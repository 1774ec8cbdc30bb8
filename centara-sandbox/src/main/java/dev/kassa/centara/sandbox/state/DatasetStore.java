package dev.kassa.centara.sandbox.state;

import dev.kassa.centara.sandbox.state.CentaraDataset.Auth;
import dev.kassa.centara.sandbox.state.CentaraDataset.Customer;
import dev.kassa.centara.sandbox.state.CentaraDataset.InfoCode;
import dev.kassa.centara.sandbox.state.CentaraDataset.Item;
import dev.kassa.centara.sandbox.state.CentaraDataset.Store;
import dev.kassa.centara.sandbox.state.CentaraDataset.Tender;
import dev.kassa.centara.sandbox.state.CentaraDataset.TransactionTarget;
import dev.kassa.common.sandbox.FieldError;
import dev.kassa.common.sandbox.InvalidDatasetException;
import java.net.URI;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks a whole dataset (every problem, with its path) and writes it in one transaction, replacing
 * everything before it, orders and POS transactions included; reads it back in the same shape.
 */
@Repository
public class DatasetStore {

    /** Child tables first, so that deleting in this order never trips a foreign key. */
    private static final List<String> TABLES_IN_DELETE_ORDER = List.of(
            "centara_pos_transaction", "centara_pos_counter", "centara_order_history", "centara_order",
            "centara_info_code", "centara_tender", "centara_barcode", "centara_item", "centara_customer",
            "centara_store");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final Settings settings;

    DatasetStore(JdbcClient jdbc, Settings settings) {
        this.jdbc = jdbc;
        this.settings = settings;
    }

    @Transactional
    public void replace(CentaraDataset d) {
        List<FieldError> errors = validate(d);
        if (!errors.isEmpty()) {
            throw new InvalidDatasetException(errors);
        }
        TABLES_IN_DELETE_ORDER.forEach(t -> jdbc.sql("delete from " + t).update());
        for (Store s : d.stores()) {
            jdbc.sql("insert into centara_store (store_id, name, time_zone, transaction_headers) values (?, ?, ?, ?)")
                    .params(s.id(), s.name(), s.timeZone(), JSON.writeValueAsString(s.transactionHeaders())).update();
        }
        for (Customer c : d.customers()) {
            jdbc.sql("""
                    insert into centara_customer (customer_id, first_name, last_name, email_address, phone_mobile)
                    values (?, ?, ?, ?, ?)""")
                    .params(c.customerId(), c.firstName(), c.lastName(), c.emailAddress(), c.phoneMobile()).update();
        }
        for (Item i : d.items()) {
            jdbc.sql("insert into centara_item (item_id, description) values (?, ?)").params(i.itemId(), i.description())
                    .update();
            for (String b : i.barcodes()) {
                jdbc.sql("insert into centara_barcode (barcode, item_id) values (?, ?)").params(b, i.itemId()).update();
            }
        }
        for (Tender t : d.tenders()) {
            jdbc.sql("insert into centara_tender (tender_code, name) values (?, ?)").params(t.tenderCode(), t.name())
                    .update();
        }
        for (InfoCode c : d.infoCodes()) {
            jdbc.sql("insert into centara_info_code (id, description) values (?, ?)").params(c.id(), c.description())
                    .update();
        }
        settings.put(Settings.AUTH, JSON.writeValueAsString(d.auth()));
        settings.put(Settings.TRANSACTION_TARGET, d.transactionTarget() == null ? "null"
                : JSON.writeValueAsString(d.transactionTarget()));
        settings.put(Settings.INITIALISED, "true");
    }

    @Transactional(readOnly = true)
    public CentaraDataset export() {
        List<Store> stores = jdbc.sql("select store_id, name, time_zone, transaction_headers from centara_store order by store_id")
                .query((rs, n) -> new Store(rs.getInt(1), rs.getString(2), rs.getString(3),
                        JSON.readValue(rs.getString(4), new TypeReference<Map<String, String>>() { })))
                .list();
        List<Customer> customers = jdbc.sql("""
                select customer_id, first_name, last_name, email_address, phone_mobile from centara_customer
                order by customer_id""")
                .query((rs, n) -> new Customer(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5))).list();
        Map<String, List<String>> barcodes = new HashMap<>();
        jdbc.sql("select item_id, barcode from centara_barcode order by barcode")
                .query((rs, n) -> barcodes.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2)))
                .list();
        List<Item> items = jdbc.sql("select item_id, description from centara_item order by item_id")
                .query((rs, n) -> new Item(rs.getString(1), rs.getString(2),
                        barcodes.getOrDefault(rs.getString(1), List.of()))).list();
        List<Tender> tenders = jdbc.sql("select tender_code, name from centara_tender order by tender_code")
                .query((rs, n) -> new Tender(rs.getInt(1), rs.getString(2))).list();
        List<InfoCode> infoCodes = jdbc.sql("select id, description from centara_info_code order by id")
                .query((rs, n) -> new InfoCode(rs.getString(1), rs.getString(2))).list();
        return new CentaraDataset(auth(), stores, customers, items, tenders, infoCodes, transactionTarget(), null);
    }

    public Auth auth() {
        return settings.get(Settings.AUTH).map(s -> JSON.readValue(s, Auth.class)).orElse(CentaraDataset.empty().auth());
    }

    public TransactionTarget transactionTarget() {
        return settings.get(Settings.TRANSACTION_TARGET).filter(s -> !s.equals("null"))
                .map(s -> JSON.readValue(s, TransactionTarget.class)).orElse(null);
    }

    static List<FieldError> validate(CentaraDataset d) {
        List<FieldError> errors = new ArrayList<>();
        Auth auth = d.auth();
        switch (auth.mode() == null ? "" : auth.mode()) {
            case "bearer" -> {
                if (blank(auth.token())) {
                    errors.add(new FieldError("auth.token", "is required when auth.mode is bearer"));
                }
            }
            case "basic" -> {
                if (blank(auth.username())) {
                    errors.add(new FieldError("auth.username", "is required when auth.mode is basic"));
                }
                if (blank(auth.password())) {
                    errors.add(new FieldError("auth.password", "is required when auth.mode is basic"));
                }
            }
            case "none" -> {
            }
            default -> errors.add(new FieldError("auth.mode", "must be bearer, basic or none, got '" + auth.mode() + "'"));
        }
        Set<Integer> storeIds = new HashSet<>();
        for (int i = 0; i < d.stores().size(); i++) {
            Store s = d.stores().get(i);
            String p = "stores[" + i + "]";
            if (s.id() == null || s.id() < 1) {
                errors.add(new FieldError(p + ".id", "is required and must be a positive whole number"));
            } else if (!storeIds.add(s.id())) {
                errors.add(new FieldError(p + ".id", "store " + s.id() + " is listed twice"));
            }
            text(errors, p + ".name", s.name(), 200, true);
            try {
                ZoneId.of(s.timeZone());
            } catch (DateTimeException e) {
                errors.add(new FieldError(p + ".timeZone", "is not a time zone id such as Europe/Stockholm: " + s.timeZone()));
            }
            s.transactionHeaders().forEach((k, v) -> {
                if (blank(k) || v == null) {
                    errors.add(new FieldError(p + ".transactionHeaders", "names and values must not be empty"));
                }
            });
        }
        unique(errors, "customers", d.customers().stream().map(Customer::customerId).toList(), "CustomerId", 24);
        for (int i = 0; i < d.customers().size(); i++) {
            Customer c = d.customers().get(i);
            String p = "customers[" + i + "]";
            text(errors, p + ".FirstName", c.firstName(), 64, false);
            text(errors, p + ".LastName", c.lastName(), 64, false);
            text(errors, p + ".EmailAddress", c.emailAddress(), 128, false);
            text(errors, p + ".PhoneMobile", c.phoneMobile(), 32, false);
        }
        unique(errors, "items", d.items().stream().map(Item::itemId).toList(), "ItemId", 24);
        Map<String, String> barcodeOwner = new LinkedHashMap<>();
        for (int i = 0; i < d.items().size(); i++) {
            Item it = d.items().get(i);
            String p = "items[" + i + "]";
            text(errors, p + ".Description", it.description(), 80, true);
            for (int b = 0; b < it.barcodes().size(); b++) {
                String code = it.barcodes().get(b);
                String bp = p + ".Barcodes[" + b + "]";
                if (blank(code) || code.length() > 64) {
                    errors.add(new FieldError(bp, "must be 1 to 64 characters"));
                } else if (barcodeOwner.putIfAbsent(code, p) != null) {
                    errors.add(new FieldError(bp, "barcode " + code + " already belongs to " + barcodeOwner.get(code)));
                }
            }
        }
        Set<Integer> tenders = new HashSet<>();
        for (int i = 0; i < d.tenders().size(); i++) {
            Tender t = d.tenders().get(i);
            String p = "tenders[" + i + "]";
            if (t.tenderCode() == null) {
                errors.add(new FieldError(p + ".TenderCode", "is required"));
            } else if (!tenders.add(t.tenderCode())) {
                errors.add(new FieldError(p + ".TenderCode", "tender " + t.tenderCode() + " is listed twice"));
            }
            text(errors, p + ".Name", t.name(), 100, true);
        }
        unique(errors, "infoCodes", d.infoCodes().stream().map(InfoCode::id).toList(), "Id", 200);
        TransactionTarget target = d.transactionTarget();
        if (target != null) {
            try {
                URI u = URI.create(target.url() == null ? "" : target.url());
                if (!"http".equals(u.getScheme()) && !"https".equals(u.getScheme()) || u.getHost() == null) {
                    throw new IllegalArgumentException();
                }
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("transactionTarget.url", "must be an http(s) URL, got '" + target.url() + "'"));
            }
        }
        return errors;
    }

    private static void unique(List<FieldError> errors, String list, List<String> ids, String field, int max) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < ids.size(); i++) {
            String p = list + "[" + i + "]." + field;
            String id = ids.get(i);
            if (text(errors, p, id, max, true) && !seen.add(id)) {
                errors.add(new FieldError(p, "'" + id + "' is listed twice"));
            }
        }
    }

    /** Adds an error when a required text is missing or any text is too long; true when it is usable. */
    private static boolean text(List<FieldError> errors, String path, String value, int max, boolean required) {
        if (blank(value)) {
            if (required) {
                errors.add(new FieldError(path, "is required"));
            }
            return false;
        }
        if (value.length() > max) {
            errors.add(new FieldError(path, "must be at most " + max + " characters, got " + value.length()));
            return false;
        }
        return true;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
