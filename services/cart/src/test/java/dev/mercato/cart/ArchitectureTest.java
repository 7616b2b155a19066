package dev.mercato.cart;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The dependency directions that keep the cart's parts separable. */
@AnalyzeClasses(packages = "dev.mercato.cart", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule noCycles =
            slices().matching("dev.mercato.cart.(*)..").should().beFreeOfCycles();

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
    static final ArchRule noOtherServicesCode = noClasses()
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "dev.mercato.catalog..",
                    "dev.mercato.ordering..",
                    "dev.mercato.gateway..",
                    "dev.mercato.identity..");
}
