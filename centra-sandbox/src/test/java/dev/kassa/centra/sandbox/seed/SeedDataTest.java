package dev.kassa.centra.sandbox.seed;

import dev.kassa.common.demo.Ean13;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kassa.centra.sandbox.state.CentraDataset;
import dev.kassa.centra.sandbox.state.DatasetValidator;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SeedDataTest {

    @Test
    void eanCheckDigitsFollowGs1() {
        assertThat(Ean13.of("735", 1001)).isEqualTo("7350000010015");
        assertThat(Ean13.isValid("5901144123590")).isFalse(); // the seeds' example number is not a valid EAN-13
        assertThat(Ean13.isValid("4006381333931")).isTrue();
        assertThat(Ean13.checkDigit("400638133393")).isEqualTo(1);
    }

    @Test
    void theDemoRetailerIsValidAndHasWhatTheIssueAsksFor() {
        CentraDataset demo = DemoRetailer.dataset();
        DatasetValidator.check(demo);
        assertThat(demo.countries()).extracting(CentraDataset.Country::code).containsExactly("SE", "DE");
        assertThat(demo.pricelists()).hasSize(2);
        assertThat(demo.warehouses()).extracting(CentraDataset.Warehouse::policy)
                .containsExactly("direct", "check-first", "check-first", "direct-then-confirm");
        assertThat(demo.orderApi()).extracting(CentraDataset.OrderApi::uri)
                .containsExactly("order-api-se", "order-api-de", "store-stockholm", "store-goteborg", "store-berlin");
        assertThat(demo.products()).allSatisfy(p -> assertThat(p.variants()).allSatisfy(v ->
                assertThat(v.sizes()).allSatisfy(s -> assertThat(Ean13.isValid(s.ean())).isTrue())));
    }

    @Test
    void theGeneratorMakesExactlyTheAskedNumberOfValidUniqueItems() {
        CentraDataset big = CatalogueGenerator.generate(100_003, 7);
        DatasetValidator.check(big);
        Set<String> eans = new HashSet<>();
        big.products().forEach(p -> p.variants().forEach(v -> v.sizes().forEach(s -> eans.add(s.ean()))));
        assertThat(eans).hasSize(100_003).allSatisfy(e -> assertThat(Ean13.isValid(e)).isTrue());
        assertThat(CatalogueGenerator.generate(50, 7)).isEqualTo(CatalogueGenerator.generate(50, 7));
    }
}
