package dev.mercato.catalog;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.mercato.testsupport.architecture.ServiceArchitecture;

/** The dependency directions that keep the catalog's features separable. */
@AnalyzeClasses(packages = "dev.mercato.catalog", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule featuresDoNotDependOnEachOther = slices().matching("dev.mercato.catalog.(product|category)..")
            .should()
            .notDependOnEachOther();

    @ArchTest
    static final ArchRule noCycles = ServiceArchitecture.noCycles("dev.mercato.catalog");

    @ArchTest
    static final ArchRule onlyRepositoriesTouchTheDatabase = ServiceArchitecture.onlyRepositoriesTouchTheDatabase();

    @ArchTest
    static final ArchRule noOtherServicesCode = ServiceArchitecture.noOtherServicesCode("dev.mercato.catalog");
}
