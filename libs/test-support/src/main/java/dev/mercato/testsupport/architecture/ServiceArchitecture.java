package dev.mercato.testsupport.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.lang.ArchRule;

/**
 * The rules every service's {@code ArchitectureTest} states about its own code, so they read the same everywhere and
 * change in one place; a service adds the rules only it has. The libraries and the gateway state {@link #noCycles}.
 */
public final class ServiceArchitecture {

    /** What a domain model must not know: frameworks, wire formats, clients, stores and the platform's plumbing. */
    private static final String[] FRAMEWORKS_AND_IO = {
        "org.springframework..",
        "tools.jackson..",
        "com.fasterxml.jackson..",
        "io.github.resilience4j..",
        "io.grpc..",
        "com.google.protobuf..",
        "java.sql..",
        "java.net.http..",
        "jakarta..",
        "dev.mercato.contracts..",
        "dev.mercato.messaging..",
        "dev.mercato.grpc..",
        "dev.mercato.jobs..",
        "dev.mercato.web.."
    };

    /** What every service may use of the platform's code besides its own: the shared libraries and contracts. */
    private static final String[] SHARED = {
        "dev.mercato.contracts..",
        "dev.mercato.web..",
        "dev.mercato.messaging..",
        "dev.mercato.grpc..",
        "dev.mercato.jobs.."
    };

    private ServiceArchitecture() {}

    /** The classes in {@code domainPackage} are plain Java. */
    public static ArchRule domainIsPlainJava(String domainPackage) {
        return noClasses()
                .that()
                .resideInAPackage(domainPackage + "..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(FRAMEWORKS_AND_IO)
                .because("the domain model is tested and reasoned about without any of them");
    }

    /**
     * The top-level packages under {@code basePackage} (a service's or a library's) do not depend on each other in a
     * cycle.
     */
    public static ArchRule noCycles(String basePackage) {
        return slices().matching(basePackage + ".(*)..").should().beFreeOfCycles();
    }

    /** Only classes named {@code *Repository} (and the classes named in {@code alsoAllowed}) use JDBC. */
    public static ArchRule onlyRepositoriesTouchTheDatabase(String... alsoAllowed) {
        var rule = noClasses().that().haveSimpleNameNotEndingWith("Repository");
        for (String name : alsoAllowed) {
            rule = rule.and().doNotHaveSimpleName(name);
        }
        return rule.should().dependOnClassesThat().resideInAnyPackage("org.springframework.jdbc..", "java.sql..");
    }

    /** A service uses only its own code, the shared libraries and the contracts: never another service's classes. */
    public static ArchRule noOtherServicesCode(String servicePackage) {
        return noClasses()
                .that()
                .resideInAPackage(servicePackage + "..")
                .should()
                .dependOnClassesThat(resideInAPackage("dev.mercato..")
                        .and(not(resideInAPackage(servicePackage + "..")))
                        .and(not(resideInAnyPackage(SHARED))))
                .because("services share contracts and libraries, not code");
    }
}
