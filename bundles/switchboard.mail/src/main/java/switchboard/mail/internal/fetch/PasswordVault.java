package switchboard.mail.internal.fetch;

import java.io.IOException;
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
import org.osgi.framework.BundleContext;
import switchboard.mail.internal.maildir.DurableFiles;

/**
 * Keeps the provider passwords out of {@code etc/} in clear text: {@code enc:} + Base64 of a random
 * nonce and the AES-GCM ciphertext, under a key made on first use in {@code data/mail/fetch/password.key},
 * readable by the owner only. Whoever can read that file can read the passwords: it guards against a
 * copied {@code etc/} or a configuration shown on a screen, not against the box's own administrator.
 */
final class PasswordVault {
    static final String PREFIX = "enc:";
    private static final int NONCE = 12;
    private static final SecureRandom RANDOM = new SecureRandom();
    private final Path keyFile;

    PasswordVault(Path keyFile) {
        this.keyFile = keyFile;
    }

    /** The vault of the running Switchboard: its key in {@code data/mail/fetch/} of the home directory. */
    static PasswordVault of(BundleContext context) {
        return new PasswordVault(Path.of(String.valueOf(context.getProperty("switchboard.home")), "data", "mail", "fetch", "password.key"));
    }

    static boolean sealed(String value) {
        return value.startsWith(PREFIX);
    }

    String seal(String password) throws IOException {
        byte[] nonce = new byte[NONCE];
        RANDOM.nextBytes(nonce);
        try {
            byte[] sealed = cipher(Cipher.ENCRYPT_MODE, nonce).doFinal(password.getBytes(StandardCharsets.UTF_8));
            return PREFIX + Base64.getEncoder().encodeToString(ByteBuffer.allocate(NONCE + sealed.length).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot encrypt the password: " + e.getMessage(), e);
        }
    }

    /** The password itself: an {@code enc:} value decrypted, anything else as it is. */
    String open(String value) throws IOException {
        if (!sealed(value)) return value;
        try {
            byte[] all = Base64.getDecoder().decode(value.substring(PREFIX.length()));
            if (all.length <= NONCE) throw new IllegalArgumentException("too short");
            byte[] nonce = java.util.Arrays.copyOf(all, NONCE);
            return new String(cipher(Cipher.DECRYPT_MODE, nonce).doFinal(all, NONCE, all.length - NONCE), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IOException("the enc: password does not open with " + keyFile.getFileName() + " (the key file was replaced?): "
                    + "enter the password again");
        }
    }

    private Cipher cipher(int mode, byte[] nonce) throws IOException, GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(key(), "AES"), new GCMParameterSpec(128, nonce));
        return cipher;
    }

    private synchronized byte[] key() throws IOException {
        if (!Files.exists(keyFile)) {
            Files.createDirectories(keyFile.getParent());
            byte[] key = new byte[32];
            RANDOM.nextBytes(key);
            Path part = keyFile.resolveSibling(keyFile.getFileName() + ".part");
            Files.deleteIfExists(part);
            Files.createFile(part, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            DurableFiles.write(part, key, false);
            try {
                Files.createLink(keyFile, part);
            } catch (FileAlreadyExistsException e) {
                // another Switchboard on this home made one meanwhile: a key in use is never replaced
            }
            Files.delete(part);
            DurableFiles.fsyncDirectory(keyFile.getParent());
        }
        byte[] key = Files.readAllBytes(keyFile);
        if (key.length != 32) throw new IOException(keyFile + " is not a 256-bit key");
        return key;
    }
}
