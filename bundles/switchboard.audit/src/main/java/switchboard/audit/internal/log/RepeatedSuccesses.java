package switchboard.audit.internal.log;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import switchboard.api.accounts.LoginResult;

/**
 * Decides which logins reach the audit log. Failures and throttled attempts always do. A success of a user
 * from a source is written once, and then again only after {@code quiet} has passed since it was last
 * written, or after a failure or throttle of that user or that source: a phone refreshing its registration
 * every minute is one line an hour, not sixty, while a success after failures still stands out.
 * The pairs remembered are bounded (least recently seen forgotten first), so a forgotten pair's next
 * success is simply written again.
 */
final class RepeatedSuccesses {
    private final Duration quiet;
    private final Map<Pair, Instant> lastWritten;

    RepeatedSuccesses(Duration quiet, int capacity) {
        this.quiet = quiet;
        this.lastWritten = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Pair, Instant> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized boolean shouldWrite(String name, String source, LoginResult result, Instant now) {
        Pair pair = new Pair(String.valueOf(name), String.valueOf(source));
        if (result != LoginResult.ACCEPTED) {
            lastWritten.keySet().removeIf(p -> p.name().equals(pair.name()) || p.source().equals(pair.source()));
            return true;
        }
        Instant last = lastWritten.get(pair);
        if (last != null && now.isBefore(last.plus(quiet)) && !now.isBefore(last)) return false;
        lastWritten.put(pair, now);
        return true;
    }

    private record Pair(String name, String source) {
    }
}
