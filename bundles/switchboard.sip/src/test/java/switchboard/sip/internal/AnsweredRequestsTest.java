package switchboard.sip.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(5)
class AnsweredRequestsTest {
    final AnsweredRequests answered = new AnsweredRequests(1000, 1 << 18);

    @Test
    void answersWithinTheWindowOnly() {
        String key = AnsweredRequests.key("z9hG4bK1", "call", 2, "REGISTER");
        answered.remember(key, new byte[] {1}, 0);
        assertArrayEquals(new byte[] {1}, answered.begin(key, 1000).orElseThrow());
        assertEquals(Optional.empty(), answered.begin(key, 1001));
        assertEquals(Optional.empty(), answered.begin(AnsweredRequests.key("z9hG4bK1", "call", 3, "REGISTER"), 0));
    }

    @Test
    void aCopyOfARequestStillBeingAnsweredGetsNothing() {
        String key = AnsweredRequests.key("z9hG4bK2", "call", 2, "REGISTER");
        assertEquals(Optional.empty(), answered.begin(key, 0));
        assertEquals(0, answered.begin(key, 10).orElseThrow().length);
        answered.remember(key, new byte[] {7}, 20);
        assertArrayEquals(new byte[] {7}, answered.begin(key, 30).orElseThrow());
    }

    @Test
    void aForgottenTransactionIsNew() {
        String key = AnsweredRequests.key("z9hG4bK3", "call", 2, "REGISTER");
        assertEquals(Optional.empty(), answered.begin(key, 0));
        answered.forget(key);
        assertEquals(Optional.empty(), answered.begin(key, 5));
    }

    @Test
    void growsWhileAnswersAreYoungerThanTheWindowUpToTheBound() {
        byte[] answer = answer(400, 0);
        for (int i = 0; i < 10_000; i++) answered.remember("k" + i, answer(400, i), i / 100);
        assertEquals(1 << 18, answered.ringBytes());
        // the newest answers are all there and intact, the oldest were overwritten
        for (int i = 9_900; i < 10_000; i++) assertArrayEquals(answer(400, i), answered.begin("k" + i, 100).orElseThrow(), "k" + i);
        assertTrue(answered.begin("k0", 100).isEmpty());
        assertEquals(400, answer.length);

        answered.trim(1100);
        assertEquals(1 << 18, answered.ringBytes(), "answers of the last second are still in the window");
        answered.trim(1101);
        assertEquals(1 << 16, answered.ringBytes());
        assertTrue(answered.begin("k9999", 1101).isEmpty());
        answered.remember("next", new byte[] {9}, 1200);
        assertArrayEquals(new byte[] {9}, answered.begin("next", 1201).orElseThrow());
    }

    @Test
    void staysSmallWhenTheWindowPassesBeforeALap() {
        for (int i = 0; i < 2_000; i++) answered.remember("k" + i, answer(300, i), i * 10L);
        assertEquals(1 << 16, answered.ringBytes());
        assertArrayEquals(answer(300, 1_999), answered.begin("k1999", 20_000).orElseThrow());
    }

    @Test
    void keysAreComparedInFullNotByHash() {
        for (int i = 0; i < 3_000; i++) answered.remember("call-" + i, answer(50, i), 0);
        for (int i = 0; i < 3_000; i++) {
            Optional<byte[]> found = answered.begin("call-" + i, 1);
            assertTrue(found.isEmpty() || java.util.Arrays.equals(answer(50, i), found.get()), "call-" + i);
        }
        assertTrue(answered.begin("call-2999", 1).isPresent());
    }

    private static byte[] answer(int length, int seed) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) b[i] = (byte) (seed * 31 + i);
        return b;
    }
}
