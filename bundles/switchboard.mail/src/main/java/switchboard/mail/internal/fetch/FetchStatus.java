package switchboard.mail.internal.fetch;

import java.time.Instant;
import java.util.Optional;

/**
 * What the console and {@code mail:fetch-status} show of one account. {@code result} is "ok" or the
 * last error; the counters are since start.
 *
 * @param account the provider mailbox, {@code login@server:port} (or the configuration's PID while it is invalid)
 * @param plainText whether the account uses no TLS
 */
public record FetchStatus(String account, String user, boolean catchAll, boolean keep, boolean plainText, Optional<Instant> lastRun, String result,
        int lastDownloaded, long downloaded, long copies, int failures, Optional<Instant> nextRun, boolean running) {}
