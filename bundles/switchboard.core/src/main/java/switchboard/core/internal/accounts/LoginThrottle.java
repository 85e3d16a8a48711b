package switchboard.core.internal.accounts;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Failed logins per source address, across protocols. After {@code FREE_FAILURES} failures a source
 * waits before its next attempt is even checked, doubling up to {@code MAX_LOCK_MILLIS}; failures are
 * forgotten after a quiet period.
 */
final class LoginThrottle {
    static final int FREE_FAILURES = 5;
    static final long BASE_LOCK_MILLIS = 1_000;
    static final long MAX_LOCK_MILLIS = 15 * 60_000;
    static final long FORGET_MILLIS = 30 * 60_000;
    private static final int MAX_SOURCES = 100_000;

    private record Failures(int count, long last) {}

    private final Map<String, Failures> failures = new ConcurrentHashMap<>();
    private final LongSupplier clock;

    LoginThrottle(LongSupplier clock) {
        this.clock = clock;
    }

    boolean allowed(String source) {
        Failures f = failures.get(source);
        if (f == null) return true;
        long now = clock.getAsLong();
        if (now - f.last() > FORGET_MILLIS) {
            failures.remove(source, f);
            return true;
        }
        return f.count() < FREE_FAILURES || now - f.last() >= lockMillis(f.count());
    }

    /** @return the failures counted for {@code source}, this one included */
    int failed(String source) {
        if (failures.size() >= MAX_SOURCES) failures.clear();
        long now = clock.getAsLong();
        return failures.merge(source, new Failures(1, now), (old, one) -> new Failures(old.count() + 1, now)).count();
    }

    /** A successful login, or an admin's pardon, clears the count. */
    void succeeded(String source) {
        failures.remove(source);
    }

    static long lockMillis(int count) {
        int over = Math.min(count - FREE_FAILURES, 20);
        return Math.min(MAX_LOCK_MILLIS, BASE_LOCK_MILLIS << over);
    }
}
