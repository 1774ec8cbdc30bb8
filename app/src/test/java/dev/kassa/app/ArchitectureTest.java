package dev.kassa.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The whole product as the app sees it (every module is on its class path): the app depends on the
 * programs, and nothing depends on the app; the sandboxes and the connector never reach each other.
 */
@AnalyzeClasses(packages = "dev.kassa", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule nothingDependsOnTheApp = noClasses()
            .that().resideOutsideOfPackage("dev.kassa.app..")
            .should().dependOnClassesThat().resideInAPackage("dev.kassa.app..");

    @ArchTest
    static final ArchRule theCentraSandboxReachesNoOtherProgram = noClasses()
            .that().resideInAPackage("dev.kassa.centra.sandbox..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.kassa.centara..", "dev.kassa.connector..");

    @ArchTest
    static final ArchRule theCentaraSandboxReachesNoOtherProgram = noClasses()
            .that().resideInAPackage("dev.kassa.centara.sandbox..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.kassa.centra..", "dev.kassa.connector..");

    @ArchTest
    static final ArchRule theConnectorReachesTheVendorsOnlyThroughTheirClients = noClasses()
            .that().resideInAPackage("dev.kassa.connector..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.kassa.centra.sandbox..", "dev.kassa.centara.sandbox..");

    @ArchTest
    static final ArchRule commonDependsOnNoProgram = noClasses()
            .that().resideInAPackage("dev.kassa.common..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.kassa.centra..", "dev.kassa.centara..",
                    "dev.kassa.connector..", "dev.kassa.app..", "dev.kassa.bench..");
}
