package switchboard.sip.internal.security;

import java.net.InetAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Request floods per source address, in the manner of Kamailio's pike module: a source that sends more
 * than the limit in one second is ignored for the block time, whatever it sends. A phone sends a few
 * requests an hour; only a scanner, a broken client or an attack sends dozens a second. The box's own
 * loopback addresses are never limited (local tools and load tests use them).
 */
public final class FloodLimit {
    private record Window(long second, int count, long blockedUntil) {}

    private final Map<InetAddress, Window> windows = new ConcurrentHashMap<>();
    private volatile int perSecond;
    private volatile long blockMillis;

    /** @param perSecond requests a source may send in one second; 0 turns the limit off */
    public FloodLimit(int perSecond, int blockSeconds) {
        limit(perSecond, blockSeconds);
    }

    public void limit(int perSecond, int blockSeconds) {
        this.perSecond = perSecond;
        this.blockMillis = blockSeconds * 1000L;
    }

    /** Counts one request from the source; true when it is to be ignored (over the limit now or blocked before). */
    public boolean exceeded(InetAddress source, long now) {
        int limit = perSecond;
        if (limit == 0 || source.isLoopbackAddress()) return false;
        long second = now / 1000;
        Window w = windows.compute(source, (s, old) -> {
            if (old == null || (old.second() != second && old.blockedUntil() <= now)) return new Window(second, 1, 0);
            int count = old.second() == second ? old.count() + 1 : 1;
            long blocked = count > limit ? now + blockMillis : old.blockedUntil();
            return new Window(second, count, blocked);
        });
        return w.blockedUntil() > now;
    }

    /** Forgets sources that are neither blocked nor counted in the current second. */
    public void expire(long now) {
        long second = now / 1000;
        windows.values().removeIf(w -> w.second() != second && w.blockedUntil() <= now);
    }

    public int blockedSources(long now) {
        return (int) windows.values().stream().filter(w -> w.blockedUntil() > now).count();
    }
}
