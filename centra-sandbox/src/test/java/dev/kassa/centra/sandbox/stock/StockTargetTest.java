package dev.kassa.centra.sandbox.stock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kassa.centra.sandbox.orderapi.OrderApiInstance.StockUpdateMode;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class StockTargetTest {

    @Test
    void withOnlyAPrimaryTheQuantityBecomesPhysicalUnlessBelowAllocated() {
        int[] physical = {499};
        int[] allocated = {7};
        assertThat(StockTarget.apply(physical, allocated, 494, StockUpdateMode.PHYSICAL)).isFalse();
        assertThat(physical[0]).isEqualTo(494);
        assertThat(StockTarget.apply(physical, allocated, 3, StockUpdateMode.PHYSICAL)).isTrue();
        assertThat(physical[0]).isEqualTo(7);
    }

    /** Random warehouses and quantities: the documented rules hold every time. */
    @RepeatedTest(20)
    void rulesHoldForRandomWarehouses() {
        Random random = new Random();
        for (int run = 0; run < 500; run++) {
            int n = 1 + random.nextInt(4);
            int[] allocated = new int[n];
            int[] physical = new int[n];
            for (int i = 0; i < n; i++) {
                allocated[i] = random.nextInt(10);
                physical[i] = allocated[i] + random.nextInt(20);
            }
            int[] before = physical.clone();
            int quantity = random.nextInt(120);
            StockUpdateMode mode = random.nextBoolean() ? StockUpdateMode.PHYSICAL : StockUpdateMode.FTA;
            boolean clamped = StockTarget.apply(physical, allocated, quantity, mode);

            int totalAllocated = Arrays.stream(allocated).sum();
            int wanted = mode == StockUpdateMode.FTA ? totalAllocated + quantity : quantity;
            String state = Arrays.toString(before) + " alloc " + Arrays.toString(allocated) + " q " + quantity + " " + mode;
            assertThat(Arrays.stream(physical).sum()).as(state).isEqualTo(Math.max(wanted, totalAllocated));
            assertThat(clamped).as(state).isEqualTo(wanted < totalAllocated);
            for (int i = 0; i < n; i++) {
                assertThat(physical[i]).as(state + " never below allocated").isGreaterThanOrEqualTo(allocated[i]);
            }
            for (int i = 1; i < n; i++) {
                assertThat(physical[i]).as(state + " virtual never increased").isLessThanOrEqualTo(before[i]);
                if (physical[i] < before[i]) {
                    assertThat(physical[0]).as(state + " virtual taken only when primary has nothing free")
                            .isEqualTo(allocated[0]);
                }
            }
        }
    }
}
