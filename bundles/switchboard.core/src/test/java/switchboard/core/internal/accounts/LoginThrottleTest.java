package switchboard.core.internal.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(5)
class LoginThrottleTest {
    private static final String SOURCE = "192.0.2.10";
    private static final String OTHER = "192.0.2.11";

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final LoginThrottle throttle = new LoginThrottle(now::get);

    private void fail(String source, int times) {
        for (int i = 0; i < times; i++) throttle.failed(source);
    }

    private void lockOut(String source) {
        fail(source, LoginThrottle.FREE_FAILURES);
    }

    @Test
    void theFreeFailuresAreAllowed() {
        for (int i = 0; i < LoginThrottle.FREE_FAILURES; i++) {
            assertTrue(throttle.allowed(SOURCE), "attempt " + (i + 1));
            throttle.failed(SOURCE);
        }
        assertFalse(throttle.allowed(SOURCE), "locked after " + LoginThrottle.FREE_FAILURES + " failures");
    }

    @Test
    void lockLastsTheBaseTimeAfterTheLastFailure() {
        lockOut(SOURCE);
        now.addAndGet(LoginThrottle.BASE_LOCK_MILLIS - 1);
        assertFalse(throttle.allowed(SOURCE));
        now.incrementAndGet();
        assertTrue(throttle.allowed(SOURCE));
    }

    @Test
    void eachFurtherFailureDoublesTheLock() {
        lockOut(SOURCE);
        long lock = LoginThrottle.BASE_LOCK_MILLIS;
        for (int extra = 1; extra <= 4; extra++) {
            throttle.failed(SOURCE);
            lock *= 2;
            assertEquals(lock, LoginThrottle.lockMillis(LoginThrottle.FREE_FAILURES + extra));
            now.addAndGet(lock - 1);
            assertFalse(throttle.allowed(SOURCE), "still locked just before " + lock + " ms");
            now.incrementAndGet();
            assertTrue(throttle.allowed(SOURCE), "free again after " + lock + " ms");
        }
    }

    @Test
    void lockIsCapped() {
        assertEquals(LoginThrottle.MAX_LOCK_MILLIS, LoginThrottle.lockMillis(LoginThrottle.FREE_FAILURES + 20));
        assertEquals(LoginThrottle.MAX_LOCK_MILLIS, LoginThrottle.lockMillis(Integer.MAX_VALUE));
    }

    @Test
    void successResetsTheCount() {
        lockOut(SOURCE);
        throttle.succeeded(SOURCE);
        assertTrue(throttle.allowed(SOURCE));
        fail(SOURCE, LoginThrottle.FREE_FAILURES - 1);
        assertTrue(throttle.allowed(SOURCE), "counting starts again from zero");
    }

    @Test
    void failuresAreForgottenAfterAQuietPeriod() {
        lockOut(SOURCE);
        now.addAndGet(LoginThrottle.FORGET_MILLIS + 1);
        assertTrue(throttle.allowed(SOURCE));
        fail(SOURCE, LoginThrottle.FREE_FAILURES - 1);
        assertTrue(throttle.allowed(SOURCE), "the old failures no longer count");
    }

    @Test
    void sourcesAreCountedSeparately() {
        lockOut(SOURCE);
        assertFalse(throttle.allowed(SOURCE));
        assertTrue(throttle.allowed(OTHER));
        throttle.succeeded(OTHER);
        assertFalse(throttle.allowed(SOURCE), "another source's success does not unlock this one");
    }
}
