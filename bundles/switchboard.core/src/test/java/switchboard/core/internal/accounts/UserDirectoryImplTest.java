package switchboard.core.internal.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static switchboard.core.internal.accounts.AccountFileTest.OWNER_ONLY;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import switchboard.api.accounts.Account;
import switchboard.api.accounts.LoginResult;
import switchboard.api.accounts.UserDirectory;

@Timeout(60)
class UserDirectoryImplTest {
    static final String SOURCE = "192.0.2.1";
    static final char[] NEW_PASSWORD = "violet-harbour-42".toCharArray();

    @TempDir
    Path data;
    UserDirectoryImpl directory;

    @BeforeEach
    void firstStart() throws IOException {
        directory = new UserDirectoryImpl(data, () -> "office.example");
    }

    Path initialPasswordFile() {
        return data.resolve(UserDirectoryImpl.INITIAL_PASSWORD_FILE);
    }

    char[] initialPassword() throws IOException {
        return Files.readString(initialPasswordFile()).trim().toCharArray();
    }

    @Test
    void firstStartCreatesOnlyTheAdmin() {
        assertEquals(List.of(new Account(UserDirectory.ADMIN, true, Optional.empty())), directory.accounts());
    }

    @Test
    void firstStartWritesAStrongInitialPasswordForTheOwnerOnly() throws IOException {
        char[] password = initialPassword();
        assertEquals(OWNER_ONLY, Files.getPosixFilePermissions(initialPasswordFile()));
        assertEquals(Optional.empty(), PasswordPolicy.weakness(UserDirectory.ADMIN, Optional.empty(), password));
        assertEquals(LoginResult.ACCEPTED, directory.login(UserDirectory.ADMIN, password, SOURCE));
    }

    @Test
    void laterStartsKeepTheAdminAndItsInitialPassword() throws IOException {
        String before = Files.readString(initialPasswordFile());
        UserDirectoryImpl restarted = new UserDirectoryImpl(data, () -> "office.example");
        assertEquals(before, Files.readString(initialPasswordFile()));
        assertEquals(LoginResult.ACCEPTED, restarted.login(UserDirectory.ADMIN, initialPassword(), SOURCE));
    }

    @Test
    void changingTheAdminPasswordDeletesTheInitialPasswordFile() throws IOException {
        char[] initial = initialPassword();
        directory.setPassword(UserDirectory.ADMIN, NEW_PASSWORD);

        assertFalse(Files.exists(initialPasswordFile()));
        assertEquals(LoginResult.REJECTED, directory.login(UserDirectory.ADMIN, initial, SOURCE));
        assertEquals(LoginResult.ACCEPTED, directory.login(UserDirectory.ADMIN, NEW_PASSWORD, SOURCE));
        UserDirectoryImpl restarted = new UserDirectoryImpl(data, () -> "office.example");
        assertFalse(Files.exists(initialPasswordFile()), "not recreated at the next start");
        assertEquals(LoginResult.ACCEPTED, restarted.login(UserDirectory.ADMIN, NEW_PASSWORD, SOURCE));
    }

    @Test
    void aWeakPasswordIsRefusedAndChangesNothing() throws IOException {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> directory.setPassword(UserDirectory.ADMIN, "short".toCharArray()));
        assertTrue(e.getMessage().contains(String.valueOf(PasswordPolicy.MIN_LENGTH)), e.getMessage());
        assertTrue(Files.exists(initialPasswordFile()));
        assertEquals(LoginResult.ACCEPTED, directory.login(UserDirectory.ADMIN, initialPassword(), SOURCE));
    }

    @Test
    void createdUsersOutliveARestart() throws IOException {
        directory.create("alice", NEW_PASSWORD, Optional.of("201"));
        UserDirectoryImpl restarted = new UserDirectoryImpl(data, () -> "office.example");
        assertEquals(Optional.of(new Account("alice", false, Optional.of("201"))), restarted.find("alice"));
        assertEquals(LoginResult.ACCEPTED, restarted.login("alice", NEW_PASSWORD, SOURCE));
    }

    @Test
    void createRefusesBadNamesExtensionsAndDuplicates() throws IOException {
        directory.create("alice", NEW_PASSWORD, Optional.of("201"));
        for (String name : new String[] {"Alice", "1abc", "with space", "", "alice"})
            assertThrows(IllegalArgumentException.class, () -> directory.create(name, NEW_PASSWORD, Optional.empty()), name);
        for (String extension : new String[] {"1", "1234567", "12a", "201"})
            assertThrows(IllegalArgumentException.class, () -> directory.create("bob", NEW_PASSWORD, Optional.of(extension)), extension);
        assertEquals(Optional.empty(), directory.find("bob"));
    }

    @Test
    void removeDeletesAUserButNeverTheAdmin() throws IOException {
        directory.create("alice", NEW_PASSWORD, Optional.empty());
        directory.remove("alice");
        assertEquals(Optional.empty(), new UserDirectoryImpl(data, () -> "office.example").find("alice"));
        assertThrows(IllegalArgumentException.class, () -> directory.remove(UserDirectory.ADMIN));
        assertThrows(IllegalArgumentException.class, () -> directory.remove("nobody"));
    }

    @Test
    void unknownUserAndWrongPasswordLookTheSame() throws IOException {
        assertEquals(LoginResult.REJECTED, directory.login("nobody", NEW_PASSWORD, SOURCE));
        assertEquals(LoginResult.REJECTED, directory.login(UserDirectory.ADMIN, NEW_PASSWORD, SOURCE));
        assertEquals(LoginResult.REJECTED, directory.login(null, NEW_PASSWORD, SOURCE));
    }

    @Test
    void repeatedFailuresThrottleTheirSourceOnly() throws IOException {
        char[] password = initialPassword();
        for (int i = 0; i < LoginThrottle.FREE_FAILURES; i++)
            assertEquals(LoginResult.REJECTED, directory.login(UserDirectory.ADMIN, NEW_PASSWORD, SOURCE));

        assertEquals(LoginResult.THROTTLED, directory.login(UserDirectory.ADMIN, password, SOURCE),
                "even the right password is not checked while the source is locked");
        assertEquals(LoginResult.ACCEPTED, directory.login(UserDirectory.ADMIN, password, "192.0.2.2"));
    }

    @Test
    void theExtensionLookupFollowsCreationsPasswordChangesAndRemovals() throws IOException {
        directory.create("alice", NEW_PASSWORD, Optional.of("201"));
        directory.create("bob", NEW_PASSWORD, Optional.of("202"));
        assertEquals("alice", directory.digestSecret("201").orElseThrow().account().name());
        assertEquals("bob", directory.digestSecret("202").orElseThrow().account().name());
        assertThrows(IllegalArgumentException.class, () -> directory.create("carol", NEW_PASSWORD, Optional.of("201")));
        char[] changed = "an0ther-Long-passphrase".toCharArray();
        directory.setPassword("alice", changed);
        assertEquals(DigestHashes.of("alice", Optional.of("201"), "office.example", changed).md5Extension(),
                directory.digestSecret("201").orElseThrow().md5(), "the index holds the account as it is now");
        directory.remove("alice");
        assertEquals(Optional.empty(), directory.digestSecret("201"));
        directory.create("carol", NEW_PASSWORD, Optional.of("201"));
        assertEquals("carol", directory.digestSecret("201").orElseThrow().account().name());
        assertEquals("carol", new UserDirectoryImpl(data, () -> "office.example").digestSecret("201").orElseThrow().account().name());
    }

    @Test
    void keepsDigestSecretsForTheNameAndTheExtensionButNotThePassword() throws IOException {
        directory.create("alice", NEW_PASSWORD, Optional.of("201"));
        UserDirectoryImpl restarted = new UserDirectoryImpl(data, () -> "office.example");
        DigestHashes expected = DigestHashes.of("alice", Optional.of("201"), "office.example", NEW_PASSWORD);
        assertEquals(expected.md5Name(), restarted.digestSecret("alice").orElseThrow().md5());
        assertEquals(expected.sha256Extension(), restarted.digestSecret("201").orElseThrow().sha256());
        assertEquals("office.example", restarted.digestSecret("201").orElseThrow().realm());
        assertEquals(Optional.empty(), restarted.digestSecret("mallory"));
        assertFalse(Files.readString(data.resolve("accounts/users")).contains(new String(NEW_PASSWORD)));
    }

    @Test
    void aHashMadeWithLessWorkIsRedoneAtTheNextLogin() throws IOException {
        directory.create("alice", NEW_PASSWORD, Optional.of("201"));
        Path users = data.resolve("accounts/users");
        String cheap = PasswordHash.hash(NEW_PASSWORD, 1_000);
        String file = Files.readString(users);
        String current = file.lines().filter(l -> l.startsWith("alice;")).findFirst().orElseThrow().split(";")[3];
        Files.writeString(users, file.replace(current, cheap));
        UserDirectoryImpl restarted = new UserDirectoryImpl(data, () -> "office.example");

        assertEquals(LoginResult.ACCEPTED, restarted.login("alice", NEW_PASSWORD, SOURCE));

        String upgraded = Files.readString(users).lines().filter(l -> l.startsWith("alice;")).findFirst().orElseThrow().split(";")[3];
        assertTrue(upgraded.startsWith("pbkdf2-sha256$" + PasswordHash.ITERATIONS + "$"), upgraded);
        assertEquals(LoginResult.ACCEPTED, new UserDirectoryImpl(data, () -> "office.example").login("alice", NEW_PASSWORD, SOURCE));
    }

    @Test
    void digestOutcomesShareTheThrottleAndListenersHearEveryAttempt() throws IOException {
        List<String> heard = new CopyOnWriteArrayList<>();
        directory.addLoginListener((name, source, result) -> heard.add(name + " " + source + " " + result));
        for (int i = 0; i < LoginThrottle.FREE_FAILURES - 1; i++)
            assertEquals(LoginResult.REJECTED, directory.recordLogin("201", false, SOURCE), "a wrong SIP digest");
        assertEquals(LoginResult.REJECTED, directory.login(UserDirectory.ADMIN, NEW_PASSWORD, SOURCE), "a wrong console password");

        assertEquals(LoginResult.THROTTLED, directory.recordLogin("201", true, SOURCE), "the right digest from a throttled source");
        assertEquals(LoginResult.THROTTLED, directory.login(UserDirectory.ADMIN, initialPassword(), SOURCE));
        directory.forgive(SOURCE);
        assertEquals(LoginResult.ACCEPTED, directory.login(UserDirectory.ADMIN, initialPassword(), SOURCE));
        assertEquals(List.of("201 192.0.2.1 REJECTED", "201 192.0.2.1 REJECTED", "201 192.0.2.1 REJECTED", "201 192.0.2.1 REJECTED",
                "admin 192.0.2.1 REJECTED", "201 192.0.2.1 THROTTLED", "admin 192.0.2.1 THROTTLED", "admin 192.0.2.1 ACCEPTED"), heard);
    }

    @Test
    void aSeparateSipSecretReplacesThePasswordForDigestAndOutlivesPasswordChanges() throws IOException {
        directory.create("alice", NEW_PASSWORD, Optional.of("201"));
        char[] secret = "desk-phone-secret-9".toCharArray();
        directory.setSipSecret("alice", secret);
        directory.setPassword("alice", "amber-lantern-7".toCharArray());

        UserDirectoryImpl restarted = new UserDirectoryImpl(data, () -> "office.example");
        DigestHashes expected = DigestHashes.of("alice", Optional.of("201"), "office.example", secret);
        assertEquals(expected.md5Name(), restarted.digestSecret("alice").orElseThrow().md5());
        assertEquals(expected.sha256Extension(), restarted.digestSecret("201").orElseThrow().sha256());
        assertEquals(LoginResult.ACCEPTED, restarted.login("alice", "amber-lantern-7".toCharArray(), SOURCE),
                "the login password is the account's own");
        assertEquals(LoginResult.REJECTED, restarted.login("alice", secret, SOURCE), "the SIP secret logs in nowhere");
        assertFalse(Files.readString(data.resolve("accounts/users")).contains(new String(secret)));
    }

    @Test
    void aWeakSipSecretOrAnUnknownUserChangesNothing() throws IOException {
        directory.create("alice", NEW_PASSWORD, Optional.empty());
        String before = Files.readString(data.resolve("accounts/users"));
        assertThrows(IllegalArgumentException.class, () -> directory.setSipSecret("alice", "short".toCharArray()));
        assertThrows(IllegalArgumentException.class, () -> directory.setSipSecret("mallory", "desk-phone-secret-9".toCharArray()));
        assertEquals(before, Files.readString(data.resolve("accounts/users")));
    }

    @Test
    void aPhoneHasDigestSecretsFromItsSipSecretAndLogsInNowhere() throws IOException {
        char[] secret = "desk-phone-secret-9".toCharArray();
        directory.createPhone("desk", Optional.of("301"), secret);
        DigestHashes expected = DigestHashes.of("desk", Optional.of("301"), "office.example", secret);
        UserDirectoryImpl restarted = new UserDirectoryImpl(data, () -> "office.example");
        assertEquals(expected.md5Extension(), restarted.digestSecret("301").orElseThrow().md5());
        assertEquals(expected.sha256Name(), restarted.digestSecret("desk").orElseThrow().sha256());
        assertEquals(LoginResult.REJECTED, restarted.login("desk", secret, SOURCE), "a phone logs in to nothing");
        String before = Files.readString(data.resolve("accounts/users"));
        assertThrows(IllegalArgumentException.class, () -> directory.createPhone("weak", Optional.of("302"), "short".toCharArray()));
        assertThrows(IllegalArgumentException.class, () -> directory.createPhone("other", Optional.of("301"), secret));
        assertThrows(IllegalArgumentException.class, () -> directory.createPhone("desk", Optional.empty(), secret));
        assertEquals(before, Files.readString(data.resolve("accounts/users")), "refused phones change nothing");
    }
}
