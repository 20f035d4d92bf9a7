package dev.edm.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigLoaderTest {

    private static Config build(Map<String, String> env) {
        return new ConfigLoader(env, Map.of()).build();
    }

    private static ConfigException failure(Map<String, String> env) {
        return catchThrowableOfType(ConfigException.class, () -> build(env));
    }

    private static Map<String, ConfigLoader.Entry> entriesByName(ConfigLoader.Inspection inspection) {
        return inspection.entries().stream().collect(Collectors.toMap(ConfigLoader.Entry::name, Function.identity()));
    }

    @Test
    void defaultsApplyWhenNothingIsSet() {
        Config config = build(Map.of());

        Path dataDir = Path.of("./data").toAbsolutePath().normalize();
        assertThat(config.port()).isEqualTo(5001);
        assertThat(config.host()).isEqualTo("0.0.0.0");
        assertThat(config.lowStockThreshold()).isEqualTo(5);
        assertThat(config.noSalesDays()).isEqualTo(60);
        assertThat(config.maxBodyBytes()).isEqualTo(5L * 1024 * 1024);
        assertThat(config.debugMode()).isFalse();
        assertThat(config.dataDir()).isEqualTo(dataDir);
        assertThat(config.database().kind()).isEqualTo(DatabaseSettings.Kind.SQLITE);
        assertThat(config.database().jdbcUrl()).isEqualTo("jdbc:sqlite:" + dataDir.resolve("edm.db"));
        assertThat(config.database().user()).isNull();
        assertThat(config.database().password()).isNull();
        assertThat(config.shopify().anySecret()).isFalse();
        assertThat(config.shopify().store()).isEmpty();
        assertThat(config.email().smtpPort()).isEqualTo(465);
        assertThat(config.email().recipients()).isEmpty();
    }

    @Test
    void publicLoadReadsOnlyTheGivenVariables() {
        Config config = ConfigLoader.load(Map.of("EDM_PORT", "6100", "NO_SALES_DAYS", "30"));

        assertThat(config.port()).isEqualTo(6100);
        assertThat(config.noSalesDays()).isEqualTo(30);
    }

    @Test
    void portIsHonouredAndEdmPortWinsOverIt() {
        assertThat(build(Map.of("PORT", "8080")).port()).isEqualTo(8080);
        assertThat(build(Map.of("PORT", "8080", "EDM_PORT", "9090")).port()).isEqualTo(9090);
        assertThat(build(Map.of("EDM_PORT", "9090")).port()).isEqualTo(9090);
    }

    @Test
    void portOutOfRangeNamesTheVariable() {
        ConfigException e = failure(Map.of("EDM_PORT", "70000"));

        assertThat(e.variable()).isEqualTo("EDM_PORT");
        assertThat(e.getMessage()).startsWith("EDM_PORT: ").contains("70000");
    }

    @Test
    void environmentWinsOverDotEnv() {
        ConfigLoader loader = new ConfigLoader(
                Map.of("LOW_STOCK_THRESHOLD", "7"), Map.of("LOW_STOCK_THRESHOLD", "9", "NO_SALES_DAYS", "90"));

        ConfigLoader.Inspection inspection = loader.inspection();

        assertThat(inspection.problems()).isEmpty();
        assertThat(inspection.config().lowStockThreshold()).isEqualTo(7);
        assertThat(inspection.config().noSalesDays()).isEqualTo(90);
        Map<String, ConfigLoader.Entry> entries = entriesByName(inspection);
        assertThat(entries.get("LOW_STOCK_THRESHOLD").source()).isEqualTo("environment");
        assertThat(entries.get("NO_SALES_DAYS").source()).isEqualTo(".env");
    }

    @Test
    void nonNumericThresholdFailsNamingTheVariable() {
        ConfigException e = failure(Map.of("LOW_STOCK_THRESHOLD", "abc"));

        assertThat(e).isNotNull();
        assertThat(e.variable()).isEqualTo("LOW_STOCK_THRESHOLD");
        assertThat(e.getMessage()).contains("LOW_STOCK_THRESHOLD").contains("abc");
    }

    @ParameterizedTest
    @CsvSource({"true,true", "false,false", "1,true", "yes,true", "0,false", "no,false", "TRUE,true", "on,true"})
    void debugModeAcceptsCommonSpellings(String value, boolean expected) {
        assertThat(build(Map.of("DEBUG_MODE", value)).debugMode()).isEqualTo(expected);
    }

    @Test
    void debugModeRejectsOtherValues() {
        ConfigException e = failure(Map.of("DEBUG_MODE", "maybe"));

        assertThat(e.variable()).isEqualTo("DEBUG_MODE");
        assertThat(e.getMessage()).contains("DEBUG_MODE").contains("maybe");
    }

    @Test
    void unsetDatabaseUrlMeansSqliteInTheDataDir(@TempDir Path dir) {
        Config config = build(Map.of("EDM_DATA_DIR", dir.toString()));

        Path dataDir = dir.toAbsolutePath().normalize();
        assertThat(config.dataDir()).isEqualTo(dataDir);
        assertThat(config.database().kind()).isEqualTo(DatabaseSettings.Kind.SQLITE);
        assertThat(config.database().jdbcUrl()).isEqualTo("jdbc:sqlite:" + dataDir.resolve("edm.db"));
    }

    @Test
    void postgresUriBecomesJdbcUrlWithDecodedCredentials() {
        DatabaseSettings db = build(Map.of("EDM_DATABASE_URL", "postgres://user:p%40ss@db.example:6543/edm"))
                .database();

        assertThat(db.kind()).isEqualTo(DatabaseSettings.Kind.POSTGRESQL);
        assertThat(db.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:6543/edm");
        assertThat(db.user()).isEqualTo("user");
        assertThat(db.password()).isEqualTo("p@ss");
    }

    @Test
    void aPlusInThePasswordIsALiteralPlus() {
        DatabaseSettings db = build(Map.of("EDM_DATABASE_URL", "postgres://user:a+b@db.example/edm"))
                .database();

        assertThat(db.password()).isEqualTo("a+b");
        assertThat(db.toString()).doesNotContain("a+b");
    }

    @Test
    void postgresUriWithoutPortUsesTheDefaultPort() {
        DatabaseSettings db =
                build(Map.of("EDM_DATABASE_URL", "postgresql://db.example/edm")).database();

        assertThat(db.kind()).isEqualTo(DatabaseSettings.Kind.POSTGRESQL);
        assertThat(db.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:5432/edm");
        assertThat(db.user()).isNull();
        assertThat(db.password()).isNull();
    }

    @Test
    void jdbcPostgresUrlIsKeptAsIs() {
        DatabaseSettings db = build(Map.of("EDM_DATABASE_URL", "jdbc:postgresql://localhost:5432/test"))
                .database();

        assertThat(db.kind()).isEqualTo(DatabaseSettings.Kind.POSTGRESQL);
        assertThat(db.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:5432/test");
        assertThat(db.user()).isNull();
        assertThat(db.password()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"mysql://x", "postgres://host", "postgres:///db", "jdbc:sqlite:"})
    void malformedDatabaseUrlNamesTheVariable(String url) {
        ConfigException e = failure(Map.of("EDM_DATABASE_URL", url));

        assertThat(e).isNotNull();
        assertThat(e.variable()).isEqualTo("EDM_DATABASE_URL");
        assertThat(e.getMessage()).startsWith("EDM_DATABASE_URL: ");
    }

    @Test
    void shopifySecretsPerShopWithDefaultFallback() {
        ShopifySettings shopify = build(Map.of(
                        "SHOPIFY_SECRETS",
                        "shop-a.myshopify.com:s1,shop-a.myshopify.com:s2,shop-b.myshopify.com:s3",
                        "SHOPIFY_WEBHOOK_SECRET",
                        "d1,d2"))
                .shopify();

        assertThat(shopify.secretsFor("shop-a.myshopify.com")).containsExactly("s1", "s2");
        assertThat(shopify.secretsFor("SHOP-B.myshopify.com")).containsExactly("s3");
        assertThat(shopify.secretsFor("other.myshopify.com")).containsExactly("d1", "d2");
        assertThat(shopify.secretsFor(null)).containsExactly("d1", "d2");
        assertThat(shopify.anySecret()).isTrue();
    }

    @Test
    void woocommerceSecretsPerStoreHostWithDefaultFallback() {
        StoreSecrets woo = build(Map.of(
                        "WOOCOMMERCE_SECRETS",
                        "Shop.Example.com:s1,shop.example.com:s2,other.example.org:s3",
                        "WOOCOMMERCE_WEBHOOK_SECRET",
                        "d1"))
                .woocommerce();

        assertThat(woo.secretsFor("shop.example.com")).containsExactly("s1", "s2");
        assertThat(woo.secretsFor("other.example.org")).containsExactly("s3");
        assertThat(woo.secretsFor("third.example.net")).containsExactly("d1");
        assertThat(build(Map.of()).woocommerce().anySecret()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://shop.example.com:secret", "http://shop.example.com/:secret", "shop.example.com"})
    void woocommerceStoresMustBeNamedByHost(String value) {
        ConfigException e = failure(Map.of("WOOCOMMERCE_SECRETS", value));

        assertThat(e).isNotNull();
        assertThat(e.variable()).isEqualTo("WOOCOMMERCE_SECRETS");
        assertThat(e.getMessage()).doesNotContain("secret:").doesNotContain("//shop");
    }

    @Test
    void shopifyStoreIsLowerCasedAndTokenKept() {
        ShopifySettings shopify = build(Map.of("SHOPIFY_STORE", "My-Shop.MyShopify.com", "SHOPIFY_TOKEN", "shpat_x"))
                .shopify();

        assertThat(shopify.store()).contains("my-shop.myshopify.com");
        assertThat(shopify.token()).isEqualTo(Optional.of("shpat_x"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"shop-a.myshopify.com", ":secret", "shop-a.myshopify.com:", "a.myshopify.com:s1,broken"})
    void malformedShopifySecretsItemNamesTheVariable(String value) {
        ConfigException e = failure(Map.of("SHOPIFY_SECRETS", value));

        assertThat(e).isNotNull();
        assertThat(e.variable()).isEqualTo("SHOPIFY_SECRETS");
        assertThat(e.getMessage()).startsWith("SHOPIFY_SECRETS: ");
    }

    @Test
    void malformedShopifySecretsDoesNotEchoTheSecret() {
        ConfigException e = failure(Map.of("SHOPIFY_SECRETS", "shop-a.myshopify.com:good,topsecretvalue"));

        assertThat(e.getMessage()).doesNotContain("topsecretvalue").doesNotContain("good");
    }

    @Test
    void inspectionCollectsEveryProblemAtOnce() {
        ConfigLoader loader = new ConfigLoader(
                Map.of(
                        "LOW_STOCK_THRESHOLD", "abc",
                        "DEBUG_MODE", "maybe",
                        "EDM_DATABASE_URL", "mysql://x",
                        "SHOPIFY_SECRETS", "no-colon"),
                Map.of());

        ConfigLoader.Inspection inspection = loader.inspection();

        assertThat(inspection.config()).isNull();
        assertThat(inspection.problems())
                .extracting(ConfigException::variable)
                .containsExactlyInAnyOrder("LOW_STOCK_THRESHOLD", "DEBUG_MODE", "EDM_DATABASE_URL", "SHOPIFY_SECRETS");
    }

    @Test
    void buildThrowsTheFirstProblemOfTheInspection() {
        Map<String, String> env = Map.of("LOW_STOCK_THRESHOLD", "abc", "NO_SALES_DAYS", "0");
        List<ConfigException> problems =
                new ConfigLoader(env, Map.of()).inspection().problems();

        assertThat(problems).hasSize(2);
        assertThatThrownBy(() -> build(env))
                .isInstanceOf(ConfigException.class)
                .hasMessage(problems.get(0).getMessage());
    }

    @Test
    void inspectionWithoutProblemsCarriesTheConfig() {
        ConfigLoader.Inspection inspection =
                new ConfigLoader(Map.of("LOW_STOCK_THRESHOLD", "3"), Map.of()).inspection();

        assertThat(inspection.problems()).isEmpty();
        assertThat(inspection.config()).isNotNull();
        assertThat(inspection.config().lowStockThreshold()).isEqualTo(3);
    }

    @Test
    void entryDisplayMasksSecretsAndShowsSources() {
        ConfigLoader loader = new ConfigLoader(
                Map.of(
                        "SHOPIFY_WEBHOOK_SECRET", "whsec-value",
                        "EMAIL_PASSWORD", "mail-password",
                        "SHOPIFY_TOKEN", "shpat_token",
                        "EDM_DATABASE_URL", "postgres://u:pw@db.example:5432/edm",
                        "LOW_STOCK_THRESHOLD", "7"),
                Map.of("EMAIL_SENDER", "alerts@example.com"));

        ConfigLoader.Inspection inspection = loader.inspection();
        Map<String, ConfigLoader.Entry> entries = entriesByName(inspection);

        assertThat(inspection.problems()).isEmpty();
        for (String secret : List.of("SHOPIFY_WEBHOOK_SECRET", "EMAIL_PASSWORD", "SHOPIFY_TOKEN", "EDM_DATABASE_URL")) {
            assertThat(entries.get(secret).secret()).as(secret).isTrue();
            assertThat(entries.get(secret).display()).as(secret).isEqualTo("****");
            assertThat(entries.get(secret).source()).as(secret).isEqualTo("environment");
        }
        assertThat(entries.get("SHOPIFY_WEBHOOK_SECRET").value()).isEqualTo("whsec-value");

        ConfigLoader.Entry lowStock = entries.get("LOW_STOCK_THRESHOLD");
        assertThat(lowStock.secret()).isFalse();
        assertThat(lowStock.display()).isEqualTo("7");
        assertThat(lowStock.source()).isEqualTo("environment");

        ConfigLoader.Entry sender = entries.get("EMAIL_SENDER");
        assertThat(sender.display()).isEqualTo("alerts@example.com");
        assertThat(sender.source()).isEqualTo(".env");

        ConfigLoader.Entry noSales = entries.get("NO_SALES_DAYS");
        assertThat(noSales.display()).isEqualTo("60");
        assertThat(noSales.source()).isEqualTo("default");

        ConfigLoader.Entry port = entries.get("EDM_PORT");
        assertThat(port.display()).isEqualTo("5001");
        assertThat(port.source()).isEqualTo("default");
    }

    @Test
    void unsetSecretDisplaysAsUnset() {
        Map<String, ConfigLoader.Entry> entries = entriesByName(new ConfigLoader(Map.of(), Map.of()).inspection());

        ConfigLoader.Entry secret = entries.get("SHOPIFY_WEBHOOK_SECRET");
        assertThat(secret.value()).isNull();
        assertThat(secret.source()).isEqualTo("default");
        assertThat(secret.display()).isEqualTo("(unset)");
    }

    @Test
    void noEntryDisplayLeaksASecretValue() {
        ConfigLoader loader = new ConfigLoader(
                Map.of(
                        "SHOPIFY_WEBHOOK_SECRET", "leak-1",
                        "SHOPIFY_SECRETS", "shop-a.myshopify.com:leak-2",
                        "EMAIL_PASSWORD", "leak-3",
                        "SHOPIFY_TOKEN", "leak-4",
                        "EDM_DATABASE_URL", "postgres://u:leak-5@db.example/edm"),
                Map.of());

        assertThat(loader.inspection().entries())
                .extracting(ConfigLoader.Entry::display)
                .noneMatch(shown -> shown.contains("leak"));
    }

    @Test
    void prepareDirectoriesFailsNamingDataDirUnderARegularFile(@TempDir Path dir) throws IOException {
        Path file = Files.createFile(dir.resolve("f"));
        Config config = build(Map.of(
                "EDM_DATA_DIR", file.resolve("sub").toString(),
                "EDM_OUTPUT_DIR", dir.resolve("out").toString(),
                "EDM_LOG_DIR", dir.resolve("logs").toString()));

        ConfigException e = catchThrowableOfType(ConfigException.class, config::prepareDirectories);

        assertThat(e).isNotNull();
        assertThat(e.variable()).isEqualTo("EDM_DATA_DIR");
        assertThat(e.getMessage()).startsWith("EDM_DATA_DIR: ");
        assertThat(file).isRegularFile();
    }

    @Test
    void prepareDirectoriesCreatesAllFolders(@TempDir Path dir) {
        Config config = build(Map.of(
                "EDM_DATA_DIR", dir.resolve("data").toString(),
                "EDM_OUTPUT_DIR", dir.resolve("out").toString(),
                "EDM_LOG_DIR", dir.resolve("logs/nested").toString()));

        config.prepareDirectories();

        assertThat(dir.resolve("data")).isEmptyDirectory();
        assertThat(dir.resolve("out")).isEmptyDirectory();
        assertThat(dir.resolve("logs/nested")).isEmptyDirectory();
    }

    @Test
    void ebayKeysetWithAppAndCertIdFromTheClientCredentials() {
        Config config = build(Map.of(
                "EBAY_CLIENT_ID", "App-ID-1",
                "EBAY_CLIENT_SECRET", "cert-secret",
                "EBAY_DEV_ID", "dev-1",
                "EDM_EBAY_API_BASE", "https://api.sandbox.ebay.com/"));
        assertThat(config.ebay().appId()).contains("App-ID-1");
        assertThat(config.ebay().certId()).contains("cert-secret");
        assertThat(config.ebay().apiBase()).hasToString("https://api.sandbox.ebay.com");
        assertThat(config.ebay().notificationApiConfigured()).isTrue();
        assertThat(config.ebay().platformNotificationsConfigured()).isTrue();
        assertThat(config.ebay().toString()).doesNotContain("cert-secret");
        assertThat(build(Map.of()).ebay().apiBase()).hasToString("https://api.ebay.com");
        assertThat(build(Map.of()).ebay().notificationApiConfigured()).isFalse();
    }

    @Test
    void ebaySecretsAreMaskedInTheInspection() {
        Map<String, ConfigLoader.Entry> entries = entriesByName(new ConfigLoader(
                        Map.of(
                                "EBAY_CLIENT_SECRET",
                                "s1",
                                "EBAY_CERT_ID",
                                "s2",
                                "EBAY_VERIFICATION_TOKEN",
                                "t".repeat(32)),
                        Map.of())
                .inspection());
        assertThat(entries.get("EBAY_CLIENT_SECRET").display()).isEqualTo("****");
        assertThat(entries.get("EBAY_CERT_ID").display()).isEqualTo("****");
        assertThat(entries.get("EBAY_VERIFICATION_TOKEN").display()).isEqualTo("****");
    }

    @ParameterizedTest
    @CsvSource({
        "EBAY_VERIFICATION_TOKEN, too-short",
        "EBAY_VERIFICATION_TOKEN, has spaces in it but is long enough to pass the length",
        "EBAY_ENDPOINT_URL, ftp://edm.example.com/webhook/ebay",
        "EBAY_ENDPOINT_URL, not a url",
        "EDM_EBAY_API_BASE, api.ebay.com"
    })
    void badEbayValuesNameTheirVariable(String variable, String value) {
        assertThat(failure(Map.of(variable, value)).variable()).isEqualTo(variable);
    }

    @Test
    void retentionDaysDefaultToNinetyZeroKeepsForeverAndANegativeValueIsRefused() {
        assertThat(build(Map.of()).retention().retentionDays()).isEqualTo(90);
        assertThat(build(Map.of("EDM_RETENTION_DAYS", "0")).retention().keepsForever())
                .isTrue();
        assertThat(failure(Map.of("EDM_RETENTION_DAYS", "-5")).getMessage()).contains("EDM_RETENTION_DAYS");
    }
}
