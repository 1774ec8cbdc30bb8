package dev.kassa.centra.sandbox.orderapi;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

/**
 * One installed Order API plugin (§2, §13.1) as the request handlers need it: who may call it, what it
 * may do, and which warehouses, markets and tax it reads and writes with.
 *
 * @param warehouses the primary warehouse first, then the virtual ones in their order; GET stock sums them
 * @param taxPercent VAT of {@code taxCountry}, applied to returned prices; null when no tax country is set
 * @param pricelists pricelists serving a country of the instance's markets (all when it has no markets)
 */
public record OrderApiInstance(
        String uri,
        String secret,
        long primaryWarehouse,
        List<Long> warehouses,
        Set<OrderApiEndpoint> endpoints,
        Set<Long> markets,
        Set<Long> pricelists,
        boolean allowOrderCreate,
        String taxCountry,
        BigDecimal taxPercent,
        boolean returnCostPrice,
        Set<String> orderStatuses,
        boolean returnWaitingForPayment,
        boolean returnOnHold,
        String bundlesInOrders,
        String bundlesInShipments,
        StockUpdateMode stockUpdateMode,
        boolean debugLogging,
        String clampNotificationEmail) {

    public enum StockUpdateMode {
        /** POST stock sets physical stock (the documented default). */
        PHYSICAL,
        /** POST stock sets free-to-allocate; physical becomes allocated + quantity (2021 docs, §2). */
        FTA
    }

    public boolean allows(OrderApiEndpoint endpoint) {
        return endpoints.contains(endpoint);
    }

    public List<Long> virtualWarehouses() {
        return warehouses.subList(1, warehouses.size());
    }
}
