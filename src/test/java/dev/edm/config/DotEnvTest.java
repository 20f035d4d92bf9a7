package dev.edm.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DotEnvTest {
    @TempDir
    Path dir;

    private Path write(String content) throws IOException {
        return Files.writeString(dir.resolve(".env"), content, StandardCharsets.UTF_8);
    }

    @Test
    void readsKeyValueLinesSkippingCommentsAndBlankLines() throws IOException {
        Path file = write("""
                # a comment
                PORT=8080

                   # an indented comment
                  LOW_STOCK_THRESHOLD = 3
                EMPTY=
                """);

        assertThat(DotEnv.read(file))
                .containsExactly(
                        Map.entry("PORT", "8080"), Map.entry("LOW_STOCK_THRESHOLD", "3"), Map.entry("EMPTY", ""));
    }

    @Test
    void exportPrefixIsIgnored() throws IOException {
        Path file = write("export SHOPIFY_STORE=shop.myshopify.com\nexport   NO_SALES_DAYS=30\n");

        assertThat(DotEnv.read(file))
                .containsExactly(Map.entry("SHOPIFY_STORE", "shop.myshopify.com"), Map.entry("NO_SALES_DAYS", "30"));
    }

    @Test
    void singleAndDoubleQuotesAreRemovedAndKeepTheirContent() throws IOException {
        Path file = write("""
                DOUBLE="a value # not a comment"
                SINGLE='it''s=fine'
                SPACES="  padded  "
                """);

        assertThat(DotEnv.read(file))
                .containsExactly(
                        Map.entry("DOUBLE", "a value # not a comment"),
                        Map.entry("SINGLE", "it''s=fine"),
                        Map.entry("SPACES", "  padded  "));
    }

    @Test
    void aQuotedValueMayBeFollowedByAComment() throws IOException {
        Path file = write("SECRET=\"a # b\" # the shop secret\n");

        assertThat(DotEnv.read(file)).containsExactly(Map.entry("SECRET", "a # b"));
    }

    @Test
    void trailingCommentOnUnquotedValueIsDropped() throws IOException {
        Path file = write("LOW_STOCK_THRESHOLD=5 # units\nURL=https://example.com/#anchor\n");

        assertThat(DotEnv.read(file))
                .containsExactly(
                        Map.entry("LOW_STOCK_THRESHOLD", "5"), Map.entry("URL", "https://example.com/#anchor"));
    }

    @Test
    void valueMayContainEqualsSigns() throws IOException {
        Path file = write("EDM_DATABASE_URL=jdbc:postgresql://h:5432/db?user=a&password=b\n");

        assertThat(DotEnv.read(file))
                .containsExactly(Map.entry("EDM_DATABASE_URL", "jdbc:postgresql://h:5432/db?user=a&password=b"));
    }

    @Test
    void laterLineWinsForARepeatedKey() throws IOException {
        Path file = write("PORT=1\nPORT=2\n");

        assertThat(DotEnv.read(file)).containsExactly(Map.entry("PORT", "2"));
    }

    @Test
    void missingFileIsEmpty() {
        assertThat(DotEnv.read(dir.resolve("does-not-exist.env"))).isEmpty();
    }

    @Test
    void lineWithoutEqualsFailsNamingDotEnvAndTheLine() throws IOException {
        Path file = write("# header\nPORT=8080\n\nNOT A SETTING\n");

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> DotEnv.read(file));

        assertThat(e).isNotNull();
        assertThat(e.variable()).isEqualTo(".env");
        assertThat(e.getMessage()).startsWith(".env: ").contains("line 4");
    }

    @Test
    void invalidKeyFailsNamingTheLine() throws IOException {
        Path file = write("PORT=8080\n1BAD-KEY=x\n");

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> DotEnv.read(file));

        assertThat(e).isNotNull();
        assertThat(e.variable()).isEqualTo(".env");
        assertThat(e.getMessage()).contains("line 2");
    }

    @Test
    void errorMessageDoesNotEchoTheLineContent() throws IOException {
        Path file = write("supersecretvalue\n");

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> DotEnv.read(file));

        assertThat(e.getMessage()).contains("line 1").doesNotContain("supersecretvalue");
    }
}
