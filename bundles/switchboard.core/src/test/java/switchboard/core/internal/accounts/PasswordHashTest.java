package switchboard.core.internal.accounts;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** A PBKDF2 loop ignores interrupts, so the timeout runs the test on its own thread. */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PasswordHashTest {
    private static final char[] PASSWORD = "correct horse battery".toCharArray();

    @Test
    void verifiesTheHashedPassword() {
        assertTrue(PasswordHash.verify(PASSWORD, PasswordHash.hash(PASSWORD)));
    }

    @Test
    void refusesAnotherPassword() {
        String stored = PasswordHash.hash(PASSWORD);
        assertFalse(PasswordHash.verify("correct horse battery!".toCharArray(), stored));
        assertFalse(PasswordHash.verify(new char[0], stored));
    }

    @Test
    void storesAlgorithmAndCostWithASaltPerHash() {
        String first = PasswordHash.hash(PASSWORD);
        String second = PasswordHash.hash(PASSWORD);
        assertTrue(first.startsWith("pbkdf2-sha256$" + PasswordHash.ITERATIONS + "$"), first);
        assertNotEquals(first, second, "a fresh salt per hash");
        assertTrue(PasswordHash.verify(PASSWORD, second));
    }

    @Test
    void refusesATamperedHash() {
        String[] parts = PasswordHash.hash(PASSWORD).split("\\$");
        char c = parts[3].charAt(0);
        parts[3] = (c == 'A' ? 'B' : 'A') + parts[3].substring(1);
        assertFalse(PasswordHash.verify(PASSWORD, String.join("$", parts)));
    }

    @Test
    void refusesTheRightHashWithAnotherCost() {
        String[] parts = PasswordHash.hash(PASSWORD).split("\\$");
        parts[1] = String.valueOf(PasswordHash.ITERATIONS - 1);
        assertFalse(PasswordHash.verify(PASSWORD, String.join("$", parts)));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
        "plain text",
        "pbkdf2-sha256$",
        "pbkdf2-sha256$310000$c2FsdA",
        "md5$310000$c2FsdA$aGFzaA",
        "pbkdf2-sha256$many$c2FsdA$aGFzaA",
        "pbkdf2-sha256$99999999999$c2FsdA$aGFzaA",
        "pbkdf2-sha256$0$c2FsdA$aGFzaA",
        "pbkdf2-sha256$-5$c2FsdA$aGFzaA",
        "pbkdf2-sha256$2000000000$c2FsdA$aGFzaA",
        "pbkdf2-sha256$1000$not base64!$aGFzaA",
        "pbkdf2-sha256$1000$c2FsdA$#hash#",
        "pbkdf2-sha256$1000$$aGFzaA",
        "pbkdf2-sha256$1000$c2FsdA$aGFzaA$extra",
    })
    void garbageStoredHashIsRefusedWithoutAnException(String stored) {
        assertFalse(PasswordHash.verify(PASSWORD, stored));
    }

    @Test
    void costAboveTheLimitIsRefusedWithoutDerivingAKey() {
        String[] parts = PasswordHash.hash(PASSWORD).split("\\$");
        parts[1] = String.valueOf(PasswordHash.MAX_ITERATIONS + 1);
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> assertFalse(PasswordHash.verify(PASSWORD, String.join("$", parts))));
    }

    @Test
    void decoyIsAHashOfTheSameCost() {
        String decoy = PasswordHash.decoy();
        assertTrue(decoy.startsWith("pbkdf2-sha256$" + PasswordHash.ITERATIONS + "$"), decoy);
        assertFalse(PasswordHash.verify(PASSWORD, decoy));
    }
}
