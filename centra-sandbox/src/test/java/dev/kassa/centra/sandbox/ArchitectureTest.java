package dev.kassa.centra.sandbox;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The boundaries of blueprint §2, checked on the compiled classes. */
@AnalyzeClasses(packages = "dev.kassa", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule sandboxNeverDependsOnTheAppOrTheConnector = noClasses()
            .that().resideInAPackage("dev.kassa.centra.sandbox..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.kassa.app..", "dev.kassa.connector..",
                    "dev.kassa.centara..", "dev.kassa.centra.api..");

    @ArchTest
    static final ArchRule theEmulatedApiDoesNotReachIntoTheAdminApi = noClasses()
            .that().resideInAnyPackage("dev.kassa.centra.sandbox.catalog..", "dev.kassa.centra.sandbox.stock..",
                    "dev.kassa.centra.sandbox.orderapi..")
            .should().dependOnClassesThat().resideInAPackage("dev.kassa.centra.sandbox.admin..");

    @ArchTest
    static final ArchRule commonDependsOnNoProgram = noClasses()
            .that().resideInAPackage("dev.kassa.common..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.kassa.centra..", "dev.kassa.centara..",
                    "dev.kassa.connector..", "dev.kassa.app..", "dev.kassa.bench..");
}
