package dev.kassa.connector;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The connector's boundaries, checked on the compiled classes (docs/architecture.md). */
@AnalyzeClasses(packages = "dev.kassa", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** Feature packages (intake, stock, catalogue, shipfromstore, …) depend on each other one way only. */
    @ArchTest
    static final ArchRule featurePackagesAreFreeOfCycles = slices().matching("dev.kassa.connector.(*)..")
            .should().beFreeOfCycles();

    /** The connector talks to Centra and Centara over HTTP only: never through a sandbox's classes, nor the app's. */
    @ArchTest
    static final ArchRule theConnectorNeverReachesASandboxOrTheApp = noClasses()
            .that().resideInAPackage("dev.kassa.connector..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.kassa.centra.sandbox..", "dev.kassa.centara.sandbox..",
                    "dev.kassa.app..");

    @ArchTest
    static final ArchRule commonDependsOnNoProgram = noClasses()
            .that().resideInAPackage("dev.kassa.common..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.kassa.centra..", "dev.kassa.centara..",
                    "dev.kassa.connector..", "dev.kassa.app..", "dev.kassa.bench..");

    /** The vendor clients are libraries of their own: no program, no common. */
    @ArchTest
    static final ArchRule vendorClientsDependOnNoOtherModule = noClasses()
            .that().resideInAnyPackage("dev.kassa.centra.api..", "dev.kassa.centara.api..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.kassa.connector..", "dev.kassa.common..",
                    "dev.kassa.centra.sandbox..", "dev.kassa.centara.sandbox..", "dev.kassa.app..");
}
