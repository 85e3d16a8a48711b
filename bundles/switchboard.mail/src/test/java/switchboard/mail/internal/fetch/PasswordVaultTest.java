package switchboard.mail.internal.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PasswordVaultTest {
    @TempDir
    Path dir;

    @Test
    void sealedPasswordsOpenWithTheKeyWhichOnlyTheOwnerCanRead() throws IOException {
        PasswordVault vault = new PasswordVault(dir.resolve("fetch/password.key"));
        String sealed = vault.seal("s3cret ünïcode");
        assertTrue(PasswordVault.sealed(sealed));
        assertFalse(sealed.contains("s3cret"));
        assertNotEquals(sealed, vault.seal("s3cret ünïcode"), "a fresh nonce each time");
        assertEquals("s3cret ünïcode", vault.open(sealed));
        assertEquals("s3cret ünïcode", new PasswordVault(dir.resolve("fetch/password.key")).open(sealed), "the key is kept");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("fetch/password.key"))));
        assertEquals("plain", vault.open("plain"), "a clear-text value is the password itself");
    }

    @Test
    void anotherKeyOrADamagedValueIsAClearError() throws IOException {
        String sealed = new PasswordVault(dir.resolve("a.key")).seal("secret");
        PasswordVault other = new PasswordVault(dir.resolve("b.key"));
        IOException e = assertThrows(IOException.class, () -> other.open(sealed));
        assertTrue(e.getMessage().contains("enter the password again"), e.getMessage());
        for (String damaged : new String[] {"enc:", "enc:!!!", "enc:AAAA", sealed.substring(0, sealed.length() - 4) + "AAAA"})
            assertThrows(IOException.class, () -> other.open(damaged), damaged);
    }
}
