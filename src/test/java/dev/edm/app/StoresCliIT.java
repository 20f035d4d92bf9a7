package dev.edm.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edm.testing.ChildEdm;
import dev.edm.testing.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code edm stores}, {@code edm sku}, {@code edm threshold --store} and {@code edm report skus} as users run them. */
class StoresCliIT {
    static final String SECRET = "s3cr3t-never-printed";

    @TempDir
    Path dir;

    Map<String, String> env = new HashMap<>();

    CliRun edm(String... args) throws Exception {
        Map<String, String> all = new HashMap<>(ChildEdm.isolatedEnv(dir, "unused-default"));
        all.putAll(env);
        Process p = ChildEdm.run(dir, all, args);
        CliRun run = CliRun.of(p);
        assertThat(run.out() + run.err()).as("no secret is ever printed").doesNotContain(SECRET);
        return run;
    }

    String storedSecrets(String store) throws Exception {
        try (Connection c = DriverManager.getConnection(
                        "jdbc:sqlite:" + dir.resolve("data").resolve("edm.db"));
                var ps = c.prepareStatement("SELECT secrets FROM store_registry WHERE store = ?")) {
            ps.setString(1, store);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    @Test
    void storesAreAddedListedAndRemovedWithoutShowingASecret() throws Exception {
        CliRun added = edm("stores", "add", "shopify", "cli-a.myshopify.com", "--name", "CLI Shop", "--secret", SECRET);
        assertThat(added.exit()).as(added.err()).isZero();
        assertThat(added.out()).contains("added shopify:cli-a.myshopify.com (1 secret)");
        assertThat(edm("stores", "add", "woocommerce", "shop.example.com", "--secret", "env:WOO_SHOP_SECRET")
                        .exit())
                .isZero();
        CliRun ebay = edm("stores", "add", "ebay", "seller1", "--secret", SECRET);
        assertThat(ebay.exit()).isEqualTo(2);
        assertThat(ebay.err()).contains("application's keyset");
        assertThat(edm("stores", "add", "standard", "erp", "--secret", SECRET).err())
                .contains("whsec_");
        assertThat(edm("stores", "add", "nosuch", "x").err()).contains("unknown platform nosuch");

        assertThat(storedSecrets("shopify:cli-a.myshopify.com"))
                .startsWith("enc:v1:")
                .doesNotContain(SECRET);
        assertThat(storedSecrets("woocommerce:shop.example.com")).isEqualTo("env:WOO_SHOP_SECRET");

        CliRun list = edm("stores", "list");
        assertThat(list.exit()).as(list.err()).isZero();
        assertThat(list.out())
                .contains("encrypted secrets use the key from key file "
                        + dir.resolve("data").resolve("secret.key"))
                .contains("shopify:cli-a.myshopify.com")
                .contains("CLI Shop")
                .contains("secret: encrypted (1)")
                .contains("secret: env:WOO_SHOP_SECRET")
                .contains("last delivery: never")
                .contains("status: no deliveries yet");

        env.put("EDM_SECRET_KEY", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=");
        assertThat(edm("stores", "list").out()).contains("encrypted secrets use the key from EDM_SECRET_KEY");
        env.put("EDM_SECRET_KEY", "c2hvcnQ=");
        CliRun badKey = edm("stores", "list");
        assertThat(badKey.exit()).isEqualTo(2);
        assertThat(badKey.err()).contains("EDM_SECRET_KEY").contains("32 bytes");
        env.remove("EDM_SECRET_KEY");

        CliRun removed = edm("stores", "remove", "shopify", "cli-a.myshopify.com");
        assertThat(removed.exit()).isZero();
        assertThat(removed.out()).contains("removed shopify:cli-a.myshopify.com");
        assertThat(edm("stores", "remove", "shopify", "cli-a.myshopify.com").exit())
                .isEqualTo(1);
        assertThat(edm("stores", "list").out()).doesNotContain("cli-a.myshopify.com");
    }

    @Test
    void skuMappingsChannelThresholdsAndTheSkusReport() throws Exception {
        CliRun map = edm("sku", "map", "woocommerce:shop.example.com", "WOO-MUG", "MUG-B");
        assertThat(map.exit()).as(map.err()).isZero();
        Path bad = Files.writeString(
                dir.resolve("bad.csv"),
                "store,channel_sku,canonical_sku\namazon:A1SELLER,AMZ-MUG,MUG-B\nnosuch:x,a,b\n");
        CliRun rejected = edm("sku", "import", bad.toString());
        assertThat(rejected.exit()).isEqualTo(2);
        assertThat(rejected.err()).contains("line 3:");
        Path good = Files.writeString(
                dir.resolve("good.csv"), "store,channel_sku,canonical_sku\namazon:A1SELLER,AMZ-MUG,MUG-B\n");
        assertThat(edm("sku", "import", good.toString()).out()).contains("imported 1 SKU mappings");
        assertThat(edm("sku", "list").out())
                .contains("MUG-B")
                .contains("AMZ-MUG")
                .contains("amazon:A1SELLER")
                .contains("WOO-MUG");
        assertThat(edm("sku", "unmap", "amazon:A1SELLER", "AMZ-MUG").exit()).isZero();
        assertThat(edm("sku", "list").out()).doesNotContain("AMZ-MUG");

        CliRun threshold = edm("threshold", "set", "MUG-B", "7", "--store", "amazon:A1SELLER");
        assertThat(threshold.exit()).as(threshold.err()).isZero();
        assertThat(edm("threshold", "list").out()).contains("MUG-B").contains("amazon:A1SELLER");

        Path out = dir.resolve("skus.csv");
        CliRun report = edm("report", "skus", "--out", out.toString());
        assertThat(report.exit()).as(report.err()).isZero();
        assertThat(Files.readString(out)).startsWith("sku,title,total_available,channels,per_channel,last_sale");
    }
}
