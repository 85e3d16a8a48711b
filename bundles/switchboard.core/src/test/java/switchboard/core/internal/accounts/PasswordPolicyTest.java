package switchboard.core.internal.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(5)
class PasswordPolicyTest {

    private static Optional<String> weakness(String user, String password) {
        return PasswordPolicy.weakness(user, Optional.empty(), password.toCharArray());
    }

    private static void assertRefusedFor(String reasonPart, Optional<String> weakness) {
        assertTrue(weakness.isPresent(), "refused");
        assertTrue(weakness.get().contains(reasonPart), weakness.get());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Tr0ub4dor&3", "correct horse", "abcdefghij", "0123456789"})
    void acceptsLongVariedPasswords(String password) {
        assertEquals(Optional.empty(), weakness("alice", password));
    }

    @Test
    void minimumLengthIsInclusive() {
        String justLongEnough = "abcdefghijklmnop".substring(0, PasswordPolicy.MIN_LENGTH);
        assertEquals(Optional.empty(), weakness("alice", justLongEnough));
        assertRefusedFor(String.valueOf(PasswordPolicy.MIN_LENGTH), weakness("alice", justLongEnough.substring(1)));
        assertRefusedFor(String.valueOf(PasswordPolicy.MIN_LENGTH), weakness("alice", ""));
    }

    @Test
    void refusesTheUserNameInAnyCase() {
        assertRefusedFor("user name", weakness("receptionist", "Receptionist"));
        assertEquals(Optional.empty(), weakness("receptionist", "receptionist2"));
    }

    @Test
    void refusesFewDistinctCharacters() {
        assertRefusedFor("too few", weakness("alice", "abababababab"));
        assertRefusedFor("too few", weakness("alice", "aaaaaaaaaaaa"));
        assertEquals(Optional.empty(), weakness("alice", "abcdabcdabcd"));
    }

    @Test
    void anExtensionInsideALongerPasswordIsAccepted() {
        assertEquals(Optional.empty(), PasswordPolicy.weakness("bob", Optional.of("4711"), "x4711-blue-sky".toCharArray()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"password123", "QWERTYUIOP", "1q2w3e4r5t", "administrator"})
    void refusesCommonPasswordsInAnyCase(String password) {
        assertRefusedFor("common passwords", weakness("alice", password));
    }
}
