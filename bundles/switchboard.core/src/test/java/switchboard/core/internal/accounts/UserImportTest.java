package switchboard.core.internal.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import switchboard.api.accounts.Account;
import switchboard.api.accounts.ImportReport;
import switchboard.api.accounts.LoginResult;
import switchboard.api.accounts.UserDirectory;

/** {@link UserDirectoryImpl#importCsv}: valid lines apply, invalid ones are reported by line number. */
@Timeout(60)
class UserImportTest {
    private static final String SOURCE = "192.0.2.1";

    @TempDir
    Path data;
    UserDirectoryImpl directory;

    @BeforeEach
    void start() throws IOException {
        directory = new UserDirectoryImpl(data, () -> "office.example");
    }

    private ImportReport importLines(String... lines) throws IOException {
        return directory.importCsv(new StringReader(String.join("\n", lines) + "\n"));
    }

    private static void assertError(ImportReport report, int line, String reasonPart) {
        String prefix = "line " + line + ": ";
        String error = report.errors().stream().filter(e -> e.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no error for line " + line + " in " + report.errors()));
        assertTrue(error.contains(reasonPart), error);
    }

    @Test
    void validLinesApplyAndInvalidOnesAreListedWithTheirLineNumbers() throws IOException {
        ImportReport report = importLines(
                "# user;password;extension",          // 1
                "alice;amber-lantern-7;201",           // 2 created
                "bob;short;202",                       // 3 weak password
                "Bad Name;copper-kettle-9;203",        // 4 bad name
                "carol;silver-meadow-3;201",           // 5 extension of alice
                "dave",                                // 6 one field
                "erin;quiet-harbour-5;204;x;extra",    // 7 five fields
                "",                                    // 8 blank
                "frank;marble-orchid-8",               // 9 created, no extension
                "gina;pine-forest-11;2x");             // 10 bad extension

        assertEquals(2, report.created());
        assertEquals(0, report.updated());
        assertEquals(6, report.errors().size(), report.errors().toString());
        assertError(report, 3, String.valueOf(PasswordPolicy.MIN_LENGTH));
        assertError(report, 4, "Bad Name");
        assertError(report, 5, "201");
        assertError(report, 6, "user;password");
        assertError(report, 7, "user;password");
        assertError(report, 10, "2x");

        UserDirectoryImpl restarted = new UserDirectoryImpl(data, () -> "office.example");
        assertEquals(List.of("admin", "alice", "frank"), restarted.accounts().stream().map(Account::name).toList());
        assertEquals(Optional.of(new Account("alice", false, Optional.of("201"))), restarted.find("alice"));
        assertEquals(LoginResult.ACCEPTED, restarted.login("frank", "marble-orchid-8".toCharArray(), SOURCE));
    }

    @Test
    void anExistingUserGetsTheNewPasswordAndKeepsTheExtension() throws IOException {
        directory.create("alice", "amber-lantern-7".toCharArray(), Optional.of("201"));

        ImportReport report = importLines("alice;granite-valley-4");

        assertEquals(new ImportReport(0, 1, List.of()), report);
        assertEquals(Optional.of("201"), directory.find("alice").orElseThrow().extension());
        assertEquals(LoginResult.REJECTED, directory.login("alice", "amber-lantern-7".toCharArray(), SOURCE));
        assertEquals(LoginResult.ACCEPTED, directory.login("alice", "granite-valley-4".toCharArray(), SOURCE));
    }

    @Test
    void aDuplicateExtensionWithinTheFileIsRefused() throws IOException {
        ImportReport report = importLines("alice;amber-lantern-7;301", "bob;copper-kettle-9;301");
        assertEquals(1, report.created());
        assertError(report, 2, "alice");
        assertEquals(Optional.empty(), directory.find("bob"));
    }

    @Test
    void importingTheAdminPasswordRetiresTheInitialPasswordFile() throws IOException {
        Path initial = data.resolve(UserDirectoryImpl.INITIAL_PASSWORD_FILE);
        assertTrue(Files.exists(initial));

        assertEquals(1, importLines(UserDirectory.ADMIN + ";granite-valley-4").updated());

        assertFalse(Files.exists(initial), "the file would hold a password that no longer works");
        assertEquals(LoginResult.ACCEPTED, directory.login(UserDirectory.ADMIN, "granite-valley-4".toCharArray(), SOURCE));
    }

    @Test
    void anEmptyImportChangesNothing() throws IOException {
        assertEquals(new ImportReport(0, 0, List.of()), importLines("# nothing", ""));
        assertEquals(1, directory.accounts().size());
    }

    @Test
    void phonesImportAsSipOnlyAccountsWithTheirDigestSecretsAndNoLogin() throws IOException {
        String[] lines = new String[1000];
        for (int i = 0; i < lines.length; i++) lines[i] = "phone" + i + ";;" + (2000 + i) + ";desk-secret-" + (7000 + i);
        ImportReport report = importLines(lines);
        assertEquals(new ImportReport(1000, 0, List.of()), report);

        UserDirectoryImpl restarted = new UserDirectoryImpl(data, () -> "office.example");
        DigestHashes expected = DigestHashes.of("phone7", Optional.of("2007"), "office.example", "desk-secret-7007".toCharArray());
        assertEquals(expected.md5Name(), restarted.digestSecret("phone7").orElseThrow().md5());
        assertEquals(expected.sha256Extension(), restarted.digestSecret("2007").orElseThrow().sha256());
        assertEquals(LoginResult.REJECTED, restarted.login("phone7", "desk-secret-7007".toCharArray(), SOURCE),
                "a SIP-only account logs in nowhere");
        assertEquals(LoginResult.REJECTED, restarted.login("phone7", StoredAccount.NO_LOGIN.toCharArray(), SOURCE));
    }

    @Test
    void aLineWithNeitherPasswordNorSecretOrAWeakSecretChangesNothing() throws IOException {
        ImportReport report = importLines("phone1;;2001;", "phone2;;2002;short", "phone3;;2003");
        assertEquals(0, report.created());
        assertError(report, 1, "neither");
        assertError(report, 2, String.valueOf(PasswordPolicy.MIN_LENGTH));
        assertError(report, 3, "neither");
        assertEquals(1, directory.accounts().size());
    }

    @Test
    void aPasswordAndASecretOnOneLineGiveALoginAndSeparateDigestSecrets() throws IOException {
        assertEquals(1, importLines("alice;amber-lantern-7;201;desk-secret-201").created());
        assertEquals(LoginResult.ACCEPTED, directory.login("alice", "amber-lantern-7".toCharArray(), SOURCE));
        assertEquals(DigestHashes.of("alice", Optional.of("201"), "office.example", "desk-secret-201".toCharArray()).md5Name(),
                directory.digestSecret("alice").orElseThrow().md5());
    }
}
