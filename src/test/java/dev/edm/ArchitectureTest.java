package dev.edm;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Holds the package table of conventions.md: features by package, dependencies in one direction. */
class ArchitectureTest {
    static JavaClasses classes;

    @BeforeAll
    static void load() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.edm");
    }

    private static final String[] JDK = {"java..", "javax.."};

    private static String[] plus(String[] base, String... more) {
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    @Test
    void configAndEventDependOnTheJdkOnly() {
        classes()
                .that()
                .resideInAPackage("dev.edm.config..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage(plus(JDK, "dev.edm.config.."))
                .check(classes);
        classes()
                .that()
                .resideInAPackage("dev.edm.event..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage(plus(JDK, "dev.edm.event.."))
                .check(classes);
    }

    @Test
    void storageKnowsNoFeature() {
        classes()
                .that()
                .resideInAPackage("dev.edm.storage..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage(plus(
                        JDK,
                        "dev.edm.storage..",
                        "dev.edm.config..",
                        "com.zaxxer.hikari..",
                        "org.flywaydb..",
                        "org.slf4j.."))
                .check(classes);
    }

    @Test
    void platformAdaptersSeeEventsConfigAndJsonOnly() {
        // platform reads its own settings records from config (secrets per shop); no storage, no HTTP server.
        // The JDK's XML API (org.w3c.dom, org.xml.sax) reads eBay's SOAP notifications; Caffeine caches eBay's keys.
        classes()
                .that()
                .resideInAPackage("dev.edm.platform..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage(plus(
                        JDK,
                        "dev.edm.platform..",
                        "dev.edm.event..",
                        "dev.edm.config..",
                        "dev.edm.signing..",
                        "com.fasterxml.jackson..",
                        "org.w3c.dom..",
                        "org.xml.sax..",
                        "com.github.benmanes.caffeine.."))
                .check(classes);
    }

    @Test
    void signingIsALeafAnyFeatureMayUse() {
        classes()
                .that()
                .resideInAPackage("dev.edm.signing..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage(plus(JDK, "dev.edm.signing..", "com.standardwebhooks.."))
                .check(classes);
    }

    @Test
    void syncReadsPlatformApisComparesStateAndWritesTheInbox() {
        classes()
                .that()
                .resideInAPackage("dev.edm.sync..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage(plus(
                        JDK,
                        "dev.edm.sync..",
                        "dev.edm.fetch..",
                        "dev.edm.ingest..",
                        "dev.edm.inventory..",
                        "dev.edm.platform..",
                        "dev.edm.event..",
                        "dev.edm.storage..",
                        "dev.edm.config..",
                        "org.slf4j..",
                        "io.micrometer..",
                        "io.github.resilience4j..",
                        "com.fasterxml.jackson.."))
                .check(classes);
    }

    @Test
    void catalogImportWritesCatalogThresholdsAndSkuMappings() {
        classes()
                .that()
                .resideInAPackage("dev.edm.catalog..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage(plus(
                        JDK,
                        "dev.edm.catalog..",
                        "dev.edm.csv..",
                        "dev.edm.alerts..",
                        "dev.edm.stores..",
                        "dev.edm.event..",
                        "dev.edm.storage.."))
                .check(classes);
    }

    @Test
    void csvIsALeafAnyFeatureMayUse() {
        classes()
                .that()
                .resideInAPackage("dev.edm.csv..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage(plus(JDK, "dev.edm.csv.."))
                .check(classes);
    }

    @Test
    void fetchReadsPlatformApisAndWritesTheInbox() {
        classes()
                .that()
                .resideInAPackage("dev.edm.fetch..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage(plus(
                        JDK,
                        "dev.edm.fetch..",
                        "dev.edm.ingest..",
                        "dev.edm.platform..",
                        "dev.edm.event..",
                        "dev.edm.storage..",
                        "dev.edm.config..",
                        "org.slf4j..",
                        "io.micrometer..",
                        "io.github.resilience4j..",
                        "com.fasterxml.jackson.."))
                .check(classes);
    }

    @Test
    void ingestHasNoHttpFrameworkTypes() {
        classes()
                .that()
                .resideInAPackage("dev.edm.ingest..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage(plus(
                        JDK,
                        "dev.edm.ingest..",
                        "dev.edm.event..",
                        "dev.edm.platform..",
                        "dev.edm.storage..",
                        "dev.edm.config..",
                        "org.slf4j..",
                        "io.micrometer..",
                        "com.github.benmanes.caffeine..",
                        "com.google.common.hash..", // the inbox journal's Bloom filter of stored webhook ids
                        "com.fasterxml.jackson.."))
                .check(classes);
    }

    @Test
    void queuesFeedIngestAndOnlyTheyUseTheAwsSdk() {
        classes()
                .that()
                .resideInAPackage("dev.edm.queue..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage(plus(
                        JDK,
                        "dev.edm.queue..",
                        "dev.edm.ingest..",
                        "dev.edm.event..",
                        "dev.edm.config..",
                        "org.slf4j..",
                        "software.amazon.awssdk.."))
                .check(classes);
        noClasses()
                .that()
                .resideOutsideOfPackage("dev.edm.queue..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("software.amazon.awssdk..")
                .check(classes);
    }

    @Test
    void inventoryDependsOnEventsAndStorageOnly() {
        classes()
                .that()
                .resideInAPackage("dev.edm.inventory..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage(plus(JDK, "dev.edm.inventory..", "dev.edm.event..", "dev.edm.storage.."))
                .check(classes);
    }

    @Test
    void storesDependOnEventsConfigAndStorage() {
        classes()
                .that()
                .resideInAPackage("dev.edm.stores..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage(plus(
                        JDK,
                        "dev.edm.stores..",
                        "dev.edm.event..",
                        "dev.edm.config..",
                        "dev.edm.storage..",
                        "com.github.benmanes.caffeine..",
                        "org.slf4j.."))
                .check(classes);
    }

    @Test
    void alertsDependOnInventoryAndStorage() {
        classes()
                .that()
                .resideInAPackage("dev.edm.alerts..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage(plus(
                        JDK,
                        "dev.edm.alerts..",
                        "dev.edm.inventory..",
                        "dev.edm.event..",
                        "dev.edm.storage..",
                        "dev.edm.config..",
                        "dev.edm.csv.."))
                .check(classes);
    }

    @Test
    void notifyImplementsTheAlertSinkOverStorage() {
        classes()
                .that()
                .resideInAPackage("dev.edm.notify..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage(plus(
                        JDK,
                        "dev.edm.notify..",
                        "dev.edm.alerts..",
                        "dev.edm.storage..",
                        "dev.edm.config..",
                        "dev.edm.signing..",
                        "com.fasterxml.jackson..",
                        "jakarta.mail..",
                        "io.github.resilience4j..",
                        "org.slf4j.."))
                .check(classes);
    }

    @Test
    void reportsReadInventoryAndAlerts() {
        classes()
                .that()
                .resideInAPackage("dev.edm.reports..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage(plus(
                        JDK,
                        "dev.edm.reports..",
                        "dev.edm.inventory..",
                        "dev.edm.alerts..",
                        "dev.edm.event..",
                        "dev.edm.output..",
                        "com.fasterxml.jackson.."))
                .check(classes);
    }

    @Test
    void summariesReadReportsAndWriteTheOutbox() {
        classes()
                .that()
                .resideInAPackage("dev.edm.summary..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage(plus(
                        JDK,
                        "dev.edm.summary..",
                        "dev.edm.reports..",
                        "dev.edm.alerts..",
                        "dev.edm.notify..",
                        "dev.edm.config..",
                        "org.slf4j.."))
                .check(classes);
    }

    @Test
    void outputFilesAreALeafAnyFeatureMayUse() {
        classes()
                .that()
                .resideInAPackage("dev.edm.output..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage(plus(JDK, "dev.edm.output.."))
                .check(classes);
    }

    @Test
    void dataFetcherReadsAnyJsonApiAndWritesFilesOnly() {
        // a standalone tool: no database, no platform, no inventory; HTTP through the JDK's client
        classes()
                .that()
                .resideInAPackage("dev.edm.datafetch..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage(plus(
                        JDK,
                        "dev.edm.datafetch..",
                        "dev.edm.output..",
                        "io.github.resilience4j..",
                        "com.fasterxml.jackson.."))
                .check(classes);
    }

    @Test
    void onlyWebImportsHelidon() {
        noClasses()
                .that()
                .resideOutsideOfPackages("dev.edm.web..", "dev.edm.app..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.helidon..")
                .check(classes);
        noClasses()
                .that()
                .resideInAPackage("dev.edm.app..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.helidon..")
                .check(classes);
    }

    @Test
    void onlyTheCliKnowsTheAppAndNobodyKnowsTheCli() {
        noClasses()
                .that()
                .resideOutsideOfPackages("dev.edm.app..", "dev.edm.cli..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.edm.app..")
                .check(classes);
        noClasses()
                .that()
                .resideOutsideOfPackage("dev.edm.cli..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.edm.cli..")
                .check(classes);
    }

    @Test
    void onlyTheConfigLoaderReadsTheEnvironment() {
        noClasses()
                .that()
                .doNotHaveFullyQualifiedName("dev.edm.config.ConfigLoader")
                .should()
                .callMethod(System.class, "getenv")
                .orShould()
                .callMethod(System.class, "getenv", String.class)
                .check(classes);
    }
}
