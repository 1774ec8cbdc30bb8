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

    /** Controllers take requests and answer them; the SQL is in the classes that own the tables. */
    @ArchTest
    static final ArchRule controllersRunNoSql = noClasses()
            .that(com.tngtech.archunit.base.DescribedPredicate.describe("are the connector's controllers",
                    (com.tngtech.archunit.core.domain.JavaClass c) -> c.getPackageName().startsWith("dev.kassa.connector")
                            && (c.isAnnotatedWith(org.springframework.stereotype.Controller.class)
                            || c.isAnnotatedWith(org.springframework.web.bind.annotation.RestController.class))))
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework.jdbc..", "java.sql..", "javax.sql..");

    /** Background work runs as jobs of the engine (decision 0022): no feature starts threads or loops of its own. */
    @ArchTest
    static final ArchRule noFeatureStartsItsOwnBackgroundLoop = noClasses()
            .that().resideInAPackage("dev.kassa.connector..")
            .should().dependOnClassesThat().haveFullyQualifiedName("dev.kassa.common.sandbox.BackgroundLoop")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.concurrent.ScheduledExecutorService");
}
