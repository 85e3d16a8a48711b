package switchboard.core.internal.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import switchboard.api.accounts.Account;
import switchboard.api.accounts.DigestSecret;

@Timeout(5)
class DigestHashesTest {
    @Test
    void md5MatchesTheRfc2617Example() {
        DigestHashes d = DigestHashes.of("Mufasa", Optional.empty(), "testrealm@host.com", "Circle Of Life".toCharArray());
        assertEquals("939e7578ed9e3c518a452acee763bce9", d.md5Name());
    }

    @Test
    void sha256IsTheHashOfUserRealmAndPassword() {
        // sha256sum of "Mufasa:http-auth@example.org:Circle of Life" (the RFC 7616 example's A1)
        DigestHashes d = DigestHashes.of("Mufasa", Optional.empty(), "http-auth@example.org", "Circle of Life".toCharArray());
        assertEquals("7987c64c30e25f1b74be53f966b49b90f2808aa92faf9a00262392d7b4794232", d.sha256Name());
    }

    @Test
    void theExtensionHasItsOwnSecrets() {
        Account alice = new Account("alice", false, Optional.of("201"));
        DigestHashes d = DigestHashes.of("alice", alice.extension(), "office.example", "pw".toCharArray());
        DigestSecret byName = d.secret(alice, "alice").orElseThrow();
        DigestSecret byExtension = d.secret(alice, "201").orElseThrow();
        assertEquals(DigestHashes.of("201", Optional.empty(), "office.example", "pw".toCharArray()).md5Name(), byExtension.md5());
        assertEquals(d.sha256Name(), byName.sha256());
        assertEquals(Optional.empty(), d.secret(alice, "202"));
    }

    @Test
    void withoutExtensionOnlyTheNameAuthenticates() {
        Account bob = new Account("bob", false, Optional.empty());
        DigestHashes d = DigestHashes.of("bob", Optional.empty(), "office.example", "pw".toCharArray());
        assertEquals("", d.md5Extension());
        assertEquals(Optional.empty(), d.secret(bob, ""));
    }
}
