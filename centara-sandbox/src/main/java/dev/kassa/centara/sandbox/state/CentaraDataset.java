package dev.kassa.centara.sandbox.state;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The whole Centara sandbox state as {@code PUT/GET /sandbox/state} carries it (spec/sandbox-admin.md):
 * the registry of what Centara expects to exist already, the API's auth mode and where the till pushes
 * its transactions. {@code activity} (orders and POS transactions) is exported and ignored on input.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CentaraDataset(
        Auth auth,
        List<Store> stores,
        List<Customer> customers,
        List<Item> items,
        List<Tender> tenders,
        List<InfoCode> infoCodes,
        TransactionTarget transactionTarget,
        JsonNode activity) {

    public static final String DEFAULT_TIME_ZONE = "Atlantic/Reykjavik";
    /** The API token of a dataset that names no auth (the example of spec/sandbox-admin.md). */
    public static final String DEFAULT_TOKEN = "centara-token";

    public CentaraDataset {
        auth = auth == null ? new Auth("bearer", DEFAULT_TOKEN, null, null) : auth;
        stores = listOf(stores);
        customers = listOf(customers);
        items = listOf(items);
        tenders = listOf(tenders);
        infoCodes = listOf(infoCodes);
    }

    public static CentaraDataset empty() {
        return new CentaraDataset(null, null, null, null, null, null, null, null);
    }

    public CentaraDataset withActivity(JsonNode activity) {
        return new CentaraDataset(auth, stores, customers, items, tenders, infoCodes, transactionTarget, activity);
    }

    /** How {@code /api/**} is authenticated (spec B.2): {@code bearer} (token), {@code basic} or {@code none}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Auth(String mode, String token, String username, String password) {
    }

    /** A store; {@code transactionHeaders} are added to its pushed transactions (e.g. a per-store API key). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Store(Integer id, String name, String timeZone, Map<String, String> transactionHeaders) {
        public Store {
            timeZone = timeZone == null ? DEFAULT_TIME_ZONE : timeZone;
            transactionHeaders = transactionHeaders == null ? Map.of() : transactionHeaders;
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Customer(@JsonProperty("CustomerId") String customerId, @JsonProperty("FirstName") String firstName,
                           @JsonProperty("LastName") String lastName,
                           @JsonProperty("EmailAddress") String emailAddress,
                           @JsonProperty("PhoneMobile") String phoneMobile) {
    }

    public record Item(@JsonProperty("ItemId") String itemId, @JsonProperty("Description") String description,
                       @JsonProperty("Barcodes") List<String> barcodes) {
        public Item {
            barcodes = listOf(barcodes);
        }
    }

    public record Tender(@JsonProperty("TenderCode") Integer tenderCode, @JsonProperty("Name") String name) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record InfoCode(@JsonProperty("Id") String id, @JsonProperty("Description") String description) {
    }

    /** Where the till pushes each POS transaction (how Centara's post-processing plugins hand sales on). */
    public record TransactionTarget(String url, Map<String, String> headers) {
        public TransactionTarget {
            headers = headers == null ? Map.of() : headers;
        }
    }

    private static <T> List<T> listOf(List<T> list) {
        return list == null ? List.of() : list;
    }
}
