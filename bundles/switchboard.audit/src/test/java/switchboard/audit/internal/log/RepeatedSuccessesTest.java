package switchboard.audit.internal.log;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static switchboard.api.accounts.LoginResult.ACCEPTED;
import static switchboard.api.accounts.LoginResult.REJECTED;
import static switchboard.api.accounts.LoginResult.THROTTLED;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RepeatedSuccessesTest {
    private static final Instant T = Instant.parse("2026-11-23T18:00:00Z");
    private final RepeatedSuccesses successes = new RepeatedSuccesses(Duration.ofHours(1), 100);

    @Test
    void aRepeatedSuccessIsWrittenAgainOnlyAfterTheQuietInterval() {
        assertTrue(successes.shouldWrite("201", "198.19.0.5", ACCEPTED, T));
        for (int minute = 1; minute < 60; minute++) {
            assertFalse(successes.shouldWrite("201", "198.19.0.5", ACCEPTED, T.plusSeconds(60L * minute)), "minute " + minute);
        }
        assertTrue(successes.shouldWrite("201", "198.19.0.5", ACCEPTED, T.plusSeconds(3600)));
        assertFalse(successes.shouldWrite("201", "198.19.0.5", ACCEPTED, T.plusSeconds(3660)));
    }

    @Test
    void anotherSourceOrAnotherUserIsWrittenAtOnce() {
        assertTrue(successes.shouldWrite("201", "198.19.0.5", ACCEPTED, T));
        assertTrue(successes.shouldWrite("201", "198.19.0.6", ACCEPTED, T.plusSeconds(1)));
        assertTrue(successes.shouldWrite("202", "198.19.0.5", ACCEPTED, T.plusSeconds(2)));
        assertFalse(successes.shouldWrite("202", "198.19.0.5", ACCEPTED, T.plusSeconds(3)));
    }

    @Test
    void failuresAndThrottlesAreAlwaysWrittenAndMakeTheNextSuccessOfThatUserOrSourceWritten() {
        assertTrue(successes.shouldWrite("201", "198.19.0.5", ACCEPTED, T));
        assertTrue(successes.shouldWrite("202", "198.19.0.7", ACCEPTED, T));
        assertTrue(successes.shouldWrite("203", "198.19.0.8", ACCEPTED, T));
        assertTrue(successes.shouldWrite("201", "198.19.0.9", REJECTED, T.plusSeconds(1)));
        assertTrue(successes.shouldWrite("201", "198.19.0.9", REJECTED, T.plusSeconds(1)));
        assertTrue(successes.shouldWrite("x", "198.19.0.7", THROTTLED, T.plusSeconds(2)));

        assertTrue(successes.shouldWrite("201", "198.19.0.5", ACCEPTED, T.plusSeconds(3)), "same user failed elsewhere");
        assertTrue(successes.shouldWrite("202", "198.19.0.7", ACCEPTED, T.plusSeconds(3)), "same source throttled");
        assertFalse(successes.shouldWrite("203", "198.19.0.8", ACCEPTED, T.plusSeconds(3)), "neither failed");
    }

    @Test
    void memoryIsBoundedAndAForgottenPairIsWrittenAgain() {
        RepeatedSuccesses small = new RepeatedSuccesses(Duration.ofHours(1), 2);
        assertTrue(small.shouldWrite("a", "198.19.0.1", ACCEPTED, T));
        assertTrue(small.shouldWrite("b", "198.19.0.1", ACCEPTED, T));
        assertFalse(small.shouldWrite("a", "198.19.0.1", ACCEPTED, T.plusSeconds(1)));
        assertTrue(small.shouldWrite("c", "198.19.0.1", ACCEPTED, T.plusSeconds(2)));

        assertFalse(small.shouldWrite("a", "198.19.0.1", ACCEPTED, T.plusSeconds(3)), "recently seen, kept");
        assertTrue(small.shouldWrite("b", "198.19.0.1", ACCEPTED, T.plusSeconds(3)), "least recently seen, forgotten");
    }

    @Test
    void aClockSetBackDoesNotSilenceSuccesses() {
        assertTrue(successes.shouldWrite("201", "198.19.0.5", ACCEPTED, T));
        assertTrue(successes.shouldWrite("201", "198.19.0.5", ACCEPTED, T.minusSeconds(60)));
    }
}
