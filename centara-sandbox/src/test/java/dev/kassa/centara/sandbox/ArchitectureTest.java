package dev.kassa.centara.sandbox;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The Centara sandbox's boundaries, checked on the compiled classes (docs/architecture.md). */
@AnalyzeClasses(packages = "dev.kassa", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule sandboxNeverDependsOnAnotherProgram = noClasses()
            .that().resideInAPackage("dev.kassa.centara.sandbox..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.kassa.app..", "dev.kassa.connector..",
                    "dev.kassa.centra..", "dev.kassa.centara.api..");

    @ArchTest
    static final ArchRule commonDependsOnNoProgram = noClasses()
            .that().resideInAPackage("dev.kassa.common..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.kassa.centra..", "dev.kassa.centara..",
                    "dev.kassa.connector..", "dev.kassa.app..", "dev.kassa.bench..");
}
