package switchboard.core.internal.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(10)
class AccountFileTest {
    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    @TempDir
    Path dir;

    private final List<StoredAccount> accounts = List.of(
            new StoredAccount("zoe", false, Optional.of("209"), "pbkdf2-sha256$1$AA$AA"),
            new StoredAccount("admin", true, Optional.empty(), "pbkdf2-sha256$1$BB$BB"),
            new StoredAccount("alice", false, Optional.empty(), "pbkdf2-sha256$1$CC$CC"));

    private Path usersFile() {
        return dir.resolve("users");
    }

    @Test
    void missingFileMeansNoAccounts() throws IOException {
        assertTrue(new AccountFile(dir).load().isEmpty());
    }

    @Test
    void savedAccountsLoadBackInTheSameOrder() throws IOException {
        new AccountFile(dir).save(accounts);
        Map<String, StoredAccount> loaded = new AccountFile(dir).load();
        assertEquals(accounts, List.copyOf(loaded.values()));
        assertEquals(List.of("zoe", "admin", "alice"), List.copyOf(loaded.keySet()));
    }

    @Test
    void fileIsReadableByItsOwnerOnly() throws IOException {
        new AccountFile(dir).save(accounts);
        assertEquals(OWNER_ONLY, Files.getPosixFilePermissions(usersFile()));
    }

    @Test
    void replacingTheFileKeepsItOwnerOnlyAndLeavesNoTemporaryFile() throws IOException {
        AccountFile file = new AccountFile(dir);
        file.save(accounts);
        file.save(accounts.subList(0, 1));
        assertEquals(OWNER_ONLY, Files.getPosixFilePermissions(usersFile()));
        assertEquals(1, file.load().size());
        try (var files = Files.list(dir)) {
            assertEquals(List.of(usersFile()), files.toList());
        }
    }

    @Test
    void commentsAndBlankLinesAreSkipped() throws IOException {
        Files.writeString(usersFile(), "# a comment\n\n   \n" + accounts.get(0).line() + "\n");
        assertEquals(List.of(accounts.get(0)), List.copyOf(new AccountFile(dir).load().values()));
    }

    @Test
    void malformedLineFailsTheLoadNamingFileAndLine() throws IOException {
        Files.writeString(usersFile(), "# header\n" + accounts.get(0).line() + "\nbroken;line\n");
        IOException e = assertThrows(IOException.class, () -> new AccountFile(dir).load());
        assertTrue(e.getMessage().contains(usersFile().toString()), e.getMessage());
        assertTrue(e.getMessage().contains("line 3"), e.getMessage());
    }
}
