package dev.kassa.bench;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The benchmarks drive the programs from outside: no program depends on them. Every program's classes are on
 * this module's class path (the app's are not: the benchmarks start the programs themselves).
 */
@AnalyzeClasses(packages = "dev.kassa", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule nothingDependsOnTheBenchmarks = noClasses()
            .that().resideOutsideOfPackage("dev.kassa.bench..")
            .should().dependOnClassesThat().resideInAPackage("dev.kassa.bench..");
}
