package dev.kassa.centra.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** Centra's orders and the requests the connector sends, as typed records: loose types read once, bodies as documented. */
class CentraOrderTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void anOrderWithNumbersAsStringsAndAllocationsPerWarehouseIsReadOnce() {
        CentraOrder o = CentraOrder.parse(JSON.readTree("""
                {"orderId": "1001", "orderStatus": "2", "orderDate": "2026-12-01 10:00:00", "internalComment": "",
                 "deliveryName": "Anna", "deliveryCity": "Göteborg", "deliveryEmail": "anna@example.com",
                 "products": [
                   {"lineId": "7", "ean": "7350000000017", "name": "Shirt", "size": "M", "qty": "3", "price": "199.50",
                    "warehouses": [{"name": "Store Göteborg", "itemQty": "2"}, {"name": "Web", "itemQty": 1}]},
                   {"lineId": 8, "ean": "", "name": "Cap", "qty": 1, "price": 99,
                    "warehouses": [{"name": "Web", "itemQty": "1"}]}],
                 "shipments": []}"""));
        assertThat(o.number()).isEqualTo(1001);
        assertThat(o.pending()).isFalse();
        assertThat(o.shipped()).isFalse();
        assertThat(o.lines()).hasSize(2);
        CentraOrder.Line shirt = o.lines().getFirst();
        assertThat(shirt.quantity()).isEqualTo(3);
        assertThat(shirt.price()).isEqualByComparingTo("199.50");
        assertThat(shirt.quantityIn("Store Göteborg")).isEqualTo(2);
        assertThat(o.linesIn("Store Göteborg")).extracting(CentraOrder.Line::lineId).containsExactly(7L);
        assertThat(o.linesIn("Web")).hasSize(2);
        assertThat(o.delivery().all()).containsExactly("Anna", "Göteborg", "anna@example.com");
        assertThat(CentraOrder.parse(JSON.readTree("{\"orderId\": 5, \"orderStatus\": \"1\"}")).pending()).isTrue();
        assertThat(CentraOrder.parse(JSON.readTree("{\"orderId\": 5, \"shipments\": [{\"shipmentId\": \"5-1\"}]}")).shipped()).isTrue();
    }

    @Test
    void aNumberThatIsNoneIsRefusedNamingWhatCentraSent() {
        assertThatThrownBy(() -> CentraOrder.parse(JSON.readTree("{\"orderId\": 1, \"products\": [{\"lineId\": 1, \"qty\": \"three\"}]}")))
                .hasMessageContaining("'three'");
    }

    @Test
    void theRequestsAreTheDocumentedBodies() {
        assertThat(JSON.readTree(new ShipmentRequest(1001, Map.of(7L, 2), null, "PostNord", "PN123").json().toString()))
                .isEqualTo(JSON.readTree("""
                        {"order": 1001, "gtg": true, "shipped": true, "carrier": "PostNord", "tracking": "PN123",
                         "products": {"7": 2}}"""));
        assertThatThrownBy(() -> new ShipmentRequest(1001, Map.of(), false, null, null)).hasMessageContaining("at least one line");
        OrderRequest order = new OrderRequest("pos@kassa.invalid", "Store Göteborg", "SE", "kassa sale 1", "2026-12-01 10:00:00",
                List.of(new OrderRequest.Product(42L, null, 2, new BigDecimal("10.00")), new OrderRequest.Product(null, "735", 1, null)),
                new OrderRequest.Capture(new BigDecimal("20.00"), "pos", "1.1.1"));
        assertThat(JSON.readTree(order.toJson())).isEqualTo(JSON.readTree("""
                {"address": {"email": "pos@kassa.invalid", "firstName": "Store Göteborg", "country": "SE"},
                 "adjustStock": true, "sendEmail": false, "internalComment": "kassa sale 1", "orderDate": "2026-12-01 10:00:00",
                 "products": [{"id": 42, "qty": 2, "unitPrice": 10.00}, {"ean": "735", "qty": 1}],
                 "payment": {"capture": {"status": 1, "amount": 20.00, "method": "pos", "transaction": "1.1.1"}}}"""));
        assertThatThrownBy(() -> new OrderRequest.Product(1L, "735", 1, null)).hasMessageContaining("one of them");
    }
}
