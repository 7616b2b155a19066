package dev.mercato.cart;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.mercato.testsupport.architecture.ServiceArchitecture;

/** The dependency directions that keep the cart's parts separable. */
@AnalyzeClasses(packages = "dev.mercato.cart", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule noCycles = ServiceArchitecture.noCycles("dev.mercato.cart");

    @ArchTest
    static final ArchRule moneyStandsAlone = noClasses()
            .that()
            .resideInAPackage("dev.mercato.cart.money..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.springframework..", "dev.mercato.cart.cart..", "dev.mercato.cart.catalog..");

    @ArchTest
    static final ArchRule onlyTheStoreTalksToRedis = noClasses()
            .that()
            .haveNameNotMatching(".*\\.Cart(Store|Scripts)(\\$.*)?")
            .and()
            .resideOutsideOfPackage("dev.mercato.cart.redis..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.springframework.data.redis..", "io.lettuce..");

    @ArchTest
    static final ArchRule noOtherServicesCode = ServiceArchitecture.noOtherServicesCode("dev.mercato.cart");
}
