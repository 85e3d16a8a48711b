package switchboard.core.internal.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import switchboard.api.accounts.Account;

@Timeout(5)
class StoredAccountTest {
    private static final String HASH = "pbkdf2-sha256$310000$c2FsdA$aGFzaA";

    @Test
    void parsesAUserWithExtension() {
        StoredAccount a = StoredAccount.parse("alice;user;4711;" + HASH);
        assertEquals("alice", a.name());
        assertFalse(a.admin());
        assertEquals(Optional.of("4711"), a.extension());
        assertEquals(HASH, a.hash());
    }

    @Test
    void parsesAnAdminWithoutExtension() {
        StoredAccount a = StoredAccount.parse("admin;admin;;" + HASH);
        assertTrue(a.admin());
        assertEquals(Optional.empty(), a.extension());
    }

    @Test
    void lineRoundTrips() {
        for (StoredAccount a : new StoredAccount[] {
                new StoredAccount("alice", false, Optional.of("201"), HASH),
                new StoredAccount("admin", true, Optional.empty(), HASH),
                new StoredAccount("bob", false, Optional.of("202"), HASH,
                        Optional.of(new DigestHashes("office.example", "a1", "b2", "c3", "d4"))),
                new StoredAccount("phone", false, Optional.of("203"), StoredAccount.NO_LOGIN,
                        Optional.of(new DigestHashes("office.example", "e5", "f6", "a7", "b8")), true)})
            assertEquals(a, StoredAccount.parse(a.line()));
    }

    @Test
    void aPasswordChangeKeepsTheDigestSecretsOfASeparateSipSecret() {
        DigestHashes ofSecret = new DigestHashes("office.example", "m", "s", "me", "se");
        DigestHashes ofPassword = new DigestHashes("office.example", "m2", "s2", "me2", "se2");
        StoredAccount a = new StoredAccount("alice", false, Optional.of("201"), HASH).withSipSecret(ofSecret);
        assertEquals(Optional.of(ofSecret), a.withPassword("other", ofPassword).digest());
        assertEquals(Optional.of(ofPassword), new StoredAccount("bob", false, Optional.empty(), HASH).withPassword("other", ofPassword).digest());
        assertFalse(new StoredAccount("phone", false, Optional.empty(), StoredAccount.NO_LOGIN).canLogIn());
    }

    @Test
    void theAccountNeverCarriesTheHash() {
        StoredAccount a = new StoredAccount("alice", false, Optional.of("201"), HASH);
        assertEquals(new Account("alice", false, Optional.of("201")), a.account());
        DigestHashes digest = new DigestHashes("office.example", "m", "s", "me", "se");
        assertEquals("other", a.withPassword("other", digest).hash());
        assertEquals(a.account(), a.withPassword("other", digest).account());
    }

    @ParameterizedTest(name = "''{0}'' has {1} fields")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "\"\"                     | 1",
        "alice                    | 1",
        "alice;user;4711          | 3",
        "alice;user;4711;hash;x   | 5",
        "alice,user,4711,hash     | 1",
        "alice;user;;hash;r;a;b;c;d;other | 10",
    })
    void refusesLinesWithoutFourFieldsAndCountsThem(String line, int fields) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StoredAccount.parse(line));
        assertTrue(e.getMessage().contains("found " + fields), e.getMessage());
    }
}
