package dev.edm.stores;

import dev.edm.config.SecretSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts registry secrets at rest with AES-256-GCM (the JDK's): {@code enc:v1:} + base64 of a random 12-byte
 * IV and the ciphertext with its tag. The key is {@code EDM_SECRET_KEY}, else a key file made once, readable by
 * its owner only.
 */
public final class SecretBox {
    static final String PREFIX = "enc:v1:";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretSettings settings;
    private volatile byte[] key;

    public SecretBox(SecretSettings settings) {
        this.settings = settings;
        this.key = settings.key().orElse(null);
    }

    /** Where the key comes from, for {@code edm stores list}. */
    public String keySource() {
        if (settings.key().isPresent()) {
            return "EDM_SECRET_KEY";
        }
        return "key file " + settings.keyFile() + (Files.exists(settings.keyFile()) ? "" : " (made on first use)");
    }

    /** The sealed form of a secret. */
    String seal(String plain) {
        try {
            byte[] iv = new byte[IV_BYTES];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key(true), "AES"), new GCMParameterSpec(TAG_BITS, iv));
            byte[] ct = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return PREFIX
                    + Base64.getEncoder()
                            .encodeToString(ByteBuffer.allocate(iv.length + ct.length)
                                    .put(iv)
                                    .put(ct)
                                    .array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt: " + e.getMessage(), e);
        }
    }

    /** The secret a sealed form holds; throws when the key is not the one it was sealed with. */
    String open(String sealed) {
        if (!sealed.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not an encrypted secret");
        }
        try {
            byte[] all = Base64.getDecoder().decode(sealed.substring(PREFIX.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(
                    Cipher.DECRYPT_MODE,
                    new SecretKeySpec(key(false), "AES"),
                    new GCMParameterSpec(TAG_BITS, all, 0, IV_BYTES));
            return new String(cipher.doFinal(all, IV_BYTES, all.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException(
                    "a stored secret cannot be decrypted with " + keySource() + " (was the key changed?)");
        }
    }

    private byte[] key(boolean create) {
        byte[] k = key;
        if (k != null) {
            return k;
        }
        synchronized (this) {
            if (key == null) {
                key = readOrCreate(settings.keyFile(), create);
            }
            return key;
        }
    }

    private static byte[] readOrCreate(Path file, boolean create) {
        try {
            if (!Files.exists(file)) {
                if (!create) {
                    throw new IllegalStateException("the key file " + file + " is missing");
                }
                byte[] fresh = new byte[SecretSettings.KEY_BYTES];
                RANDOM.nextBytes(fresh);
                write(file, Base64.getEncoder().encodeToString(fresh) + "\n");
            }
            byte[] k = Base64.getDecoder().decode(Files.readString(file).strip());
            if (k.length != SecretSettings.KEY_BYTES) {
                throw new IllegalStateException("the key file " + file + " does not hold base64 of 32 bytes");
            }
            return k;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or make the key file " + file, e);
        }
    }

    private static void write(Path file, String content) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try {
            if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(
                        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(file);
            }
        } catch (FileAlreadyExistsException e) {
            return; // another process made it first: use theirs
        }
        Files.writeString(file, content);
    }
}
