package switchboard.sip.internal.security;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Counts events (failed authentications, requests from scanners) per source address in one-minute
 * windows; a source over its limit is blocked until its window ends.
 */
public final class SourceThrottle {
    private static final long WINDOW_MILLIS = 60_000;

    private record Window(long start, int count) {}

    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private final LongSupplier clock;
    private volatile int limit;

    public SourceThrottle(int limit, LongSupplier clock) {
        this.limit = limit;
        this.clock = clock;
    }

    public void limit(int perMinute) {
        limit = perMinute;
    }

    public boolean blocked(String source) {
        Window w = windows.get(source);
        return w != null && w.count() >= limit && clock.getAsLong() - w.start() < WINDOW_MILLIS;
    }

    /** Records one event; returns whether this source is now blocked. */
    public boolean count(String source) {
        long now = clock.getAsLong();
        Window w = windows.compute(source, (s, old) ->
                old == null || now - old.start() >= WINDOW_MILLIS ? new Window(now, 1) : new Window(old.start(), old.count() + 1));
        return w.count() >= limit;
    }

    /** Forgets windows that ended. */
    public void expire() {
        long now = clock.getAsLong();
        windows.values().removeIf(w -> now - w.start() >= WINDOW_MILLIS);
    }

    public int blockedSources() {
        return (int) windows.keySet().stream().filter(this::blocked).count();
    }
}
