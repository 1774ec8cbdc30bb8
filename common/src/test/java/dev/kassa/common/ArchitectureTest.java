package dev.kassa.common;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** {@code common} is shared by every program and so depends on none of them (docs/architecture.md). */
@AnalyzeClasses(packages = "dev.kassa.common", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule commonDependsOnNoProgram = noClasses()
            .that().resideInAPackage("dev.kassa.common..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.kassa.centra..", "dev.kassa.centara..",
                    "dev.kassa.connector..", "dev.kassa.app..", "dev.kassa.bench..");
}
