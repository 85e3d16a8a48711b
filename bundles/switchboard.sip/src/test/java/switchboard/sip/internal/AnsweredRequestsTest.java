package switchboard.sip.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(5)
class AnsweredRequestsTest {
    final AnsweredRequests answered = new AnsweredRequests(1000, 3);

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
    void keepsAtMostTheLimitAndForgetsTheOldestFirst() {
        for (int i = 0; i < 5; i++) answered.remember("k" + i, new byte[] {(byte) i}, i);
        assertEquals(3, answered.size());
        assertTrue(answered.begin("k4", 5).isPresent());
        assertTrue(answered.begin("k0", 5).isEmpty());
        answered.expire(2000);
        assertEquals(0, answered.size());
    }
}
