package dev.mercato.documents;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.mercato.testsupport.architecture.ServiceArchitecture;

@AnalyzeClasses(packages = "dev.mercato.documents", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule noCycles = ServiceArchitecture.noCycles("dev.mercato.documents");

    @ArchTest
    static final ArchRule onlyRepositoriesTouchTheDatabase = ServiceArchitecture.onlyRepositoriesTouchTheDatabase();

    @ArchTest
    static final ArchRule noOtherServicesCode = ServiceArchitecture.noOtherServicesCode("dev.mercato.documents");
}
