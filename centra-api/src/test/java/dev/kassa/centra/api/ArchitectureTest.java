package dev.kassa.centra.api;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The client is a library of its own: it depends on no other Kassa module, not even common (docs/architecture.md). */
@AnalyzeClasses(packages = "dev.kassa.centra.api", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule theClientDependsOnNoOtherModule = noClasses()
            .that().resideInAPackage("dev.kassa.centra.api..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.kassa.common..", "dev.kassa.connector..",
                    "dev.kassa.centra.sandbox..", "dev.kassa.centara.sandbox..", "dev.kassa.app..", "dev.kassa.bench..");
}
