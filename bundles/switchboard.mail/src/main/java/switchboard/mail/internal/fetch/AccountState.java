package switchboard.mail.internal.fetch;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The schedule and results of one fetch account. A failure starts an incident: it is logged once, and
 * the account is tried again after a back-off that doubles up to an hour; the first success after it
 * ends the incident (logged once too). A change of the account's settings starts afresh.
 */
final class AccountState {
    private static final Logger LOG = LoggerFactory.getLogger(AccountState.class);
    static final Duration MAX_BACKOFF = Duration.ofHours(1);
    final FetchAccount account;
    private FetchSettings settings;
    private Instant nextRun = Instant.EPOCH;
    private Instant lastRun;
    private String result = "not run yet";
    private int lastDownloaded;
    private long downloaded;
    private long copies;
    private int failures;
    private boolean running;
    private volatile Pop3Client client;

    AccountState(FetchAccount account) {
        this.account = account;
    }

    /** Marks the account running if it is due (or its settings changed); returns the settings to fetch with. */
    synchronized Optional<FetchSettings> startIfDue(Instant now) {
        Optional<FetchSettings> current = account.settings();
        if (running || current.isEmpty()) return Optional.empty();
        if (!current.get().equals(settings)) {
            settings = current.get();
            nextRun = now;
            failures = 0;
        }
        if (now.isBefore(nextRun)) return Optional.empty();
        running = true;
        return current;
    }

    synchronized void runNow() {
        nextRun = Instant.EPOCH;
    }

    synchronized void succeeded(FetchSession.Outcome outcome, Instant now) {
        if (failures > 0) LOG.info("mail fetch {}: working again after {} failed attempts", settings.mailbox(), failures);
        failures = 0;
        lastDownloaded = outcome.downloaded();
        downloaded += outcome.downloaded();
        copies += outcome.copies();
        finish(now, "ok: " + outcome.onServer() + " at the provider, " + outcome.downloaded() + " fetched, " + outcome.copies()
                + " delivered", Duration.ofSeconds(settings.intervalSeconds()));
    }

    /** @param progress what the failed visit delivered before it failed */
    synchronized void failed(String reason, FetchSession.Outcome progress, Instant now) {
        if (failures == 0) LOG.warn("mail fetch {} failed: {} (retried with back-off; logged again only when it works)", settings.mailbox(), reason);
        failures++;
        lastDownloaded = progress.downloaded();
        downloaded += progress.downloaded();
        copies += progress.copies();
        Duration interval = Duration.ofSeconds(settings.intervalSeconds());
        Duration backoff = interval.multipliedBy(1L << Math.min(failures, 12));
        finish(now, reason, backoff.compareTo(MAX_BACKOFF) > 0 ? (interval.compareTo(MAX_BACKOFF) > 0 ? interval : MAX_BACKOFF) : backoff);
    }

    private void finish(Instant now, String text, Duration delay) {
        lastRun = now;
        result = text;
        nextRun = now.plus(delay);
        running = false;
        client = null;
    }

    void connected(Pop3Client c) {
        client = c;
    }

    /** Closes a connection in progress, so that a blocked read ends now. */
    void abort() {
        Pop3Client c = client;
        if (c != null) {
            try {
                c.close();
            } catch (java.io.IOException ignored) {
                // closing is all that is wanted
            }
        }
    }

    synchronized FetchStatus status() {
        FetchSettings s = settings != null ? settings : account.settings().orElse(null);
        if (s == null)
            return new FetchStatus(account.pid(), "", false, false, false, Optional.empty(), "invalid configuration (see sb:status)", 0, 0, 0, 0,
                    Optional.empty(), false);
        return new FetchStatus(s.mailbox(), s.user(), s.catchAll(), s.keepOnServer(), s.tls() == TlsMode.NONE, Optional.ofNullable(lastRun), result, lastDownloaded,
                downloaded, copies, failures, nextRun.equals(Instant.EPOCH) ? Optional.empty() : Optional.of(nextRun), running);
    }
}
