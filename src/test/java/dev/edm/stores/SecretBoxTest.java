package dev.edm.stores;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.edm.config.SecretSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretBoxTest {
    @TempDir
    Path dir;

    SecretSettings settings(byte[] key) {
        return new SecretSettings(
                Optional.ofNullable(key), dir.resolve("data/secret.key"), Map.of("A", "from-env")::get);
    }

    @Test
    void aSealedSecretOpensWithTheSameKeyOnlyAndDiffersEachTime() {
        SecretBox box = new SecretBox(settings(new byte[32]));
        String a = box.seal("hunter2");
        assertThat(a).startsWith("enc:v1:").doesNotContain("hunter2").isNotEqualTo(box.seal("hunter2"));
        assertThat(box.open(a)).isEqualTo("hunter2");
        byte[] other = new byte[32];
        other[0] = 1;
        assertThatThrownBy(() -> new SecretBox(settings(other)).open(a))
                .hasMessageContaining("cannot be decrypted")
                .hasMessageNotContaining("hunter2");
        String tampered = a.substring(0, a.length() - 2) + (a.endsWith("A=") ? "B=" : "A=");
        assertThatThrownBy(() -> box.open(tampered)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void withoutEdmSecretKeyAKeyFileIsMadeOnceForItsOwnerOnly() throws Exception {
        SecretBox box = new SecretBox(settings(null));
        assertThat(box.keySource()).contains("made on first use");
        String sealed = box.seal("s");
        Path file = dir.resolve("data/secret.key");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(new SecretBox(settings(null)).open(sealed))
                .as("a later process reads the same key")
                .isEqualTo("s");
        assertThat(new SecretBox(settings(null)).keySource()).isEqualTo("key file " + file);
    }

    @Test
    void envReferencesResolveAtUseAndUnsetOnesGiveNothing() {
        SecretRefs refs = new SecretRefs(new SecretBox(settings(new byte[32])), settings(new byte[32]));
        assertThat(refs.toStored("env:A")).isEqualTo("env:A");
        assertThat(refs.resolve("env:A")).contains("from-env");
        assertThat(refs.resolve("env:UNSET")).isEmpty();
        assertThat(refs.resolve(refs.toStored("plain"))).contains("plain");
        assertThatThrownBy(() -> refs.toStored("env:not a name")).isInstanceOf(IllegalArgumentException.class);
    }
}
