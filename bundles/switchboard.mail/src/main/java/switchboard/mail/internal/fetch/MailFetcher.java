package switchboard.mail.internal.fetch;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.net.ssl.SSLException;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import switchboard.api.accounts.UserDirectory;
import switchboard.mail.internal.MailServer;

/**
 * Fetches every configured provider mailbox on its own schedule. A few worker threads do the visits, so a
 * server that does not answer holds up only its own account; a timer checks every second which accounts
 * are due. Downloads wait in {@code data/mail/fetch/tmp/}, journals live in {@code data/mail/fetch/<mailbox>/}.
 */
@Component(service = MailFetcher.class, immediate = true)
public class MailFetcher {
    private static final int WORKERS = 3;
    private final Map<FetchAccount, AccountState> accounts = new ConcurrentHashMap<>();
    private final Map<String, UidlJournal> journals = new ConcurrentHashMap<>();
    private final Clock clock = Clock.systemUTC();
    private final Path etc;
    private final Path root;
    private final Path downloads;
    private final UserDirectory users;
    private final FetchDelivery delivery;
    private final PasswordVault vault;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> thread(r, "switchboard-mail-fetch-timer"));
    private final AtomicInteger workerNumber = new AtomicInteger();
    private final ExecutorService workers = Executors.newFixedThreadPool(WORKERS,
            r -> thread(r, "switchboard-mail-fetch-" + workerNumber.incrementAndGet()));

    @Activate
    public MailFetcher(BundleContext context, @Reference MailServer mail, @Reference UserDirectory users) throws IOException {
        Path home = Path.of(String.valueOf(context.getProperty("switchboard.home")));
        this.etc = home.resolve("etc");
        this.root = mail.store().root().resolve("fetch");
        this.downloads = root.resolve("tmp");
        this.users = users;
        this.delivery = new FetchDelivery(mail.store(), mail::router);
        this.vault = PasswordVault.of(context);
        removeUnfinishedDownloads();
        timer.scheduleWithFixedDelay(this::startDueAccounts, 0, 1, TimeUnit.SECONDS);
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        timer.shutdownNow();
        workers.shutdownNow();
        accounts.values().forEach(AccountState::abort);
        timer.awaitTermination(5, TimeUnit.SECONDS);
        workers.awaitTermination(5, TimeUnit.SECONDS);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addAccount(FetchAccount account) {
        accounts.put(account, new AccountState(account));
    }

    void removeAccount(FetchAccount account) {
        AccountState state = accounts.remove(account);
        if (state != null) state.abort();
    }

    /** Makes every account due now; returns how many there are. */
    public int fetchNow() {
        accounts.values().forEach(AccountState::runNow);
        timer.execute(this::startDueAccounts);
        return accounts.size();
    }

    public List<FetchStatus> statuses() {
        return accounts.values().stream().map(AccountState::status).sorted(Comparator.comparing(FetchStatus::account)).toList();
    }

    private void startDueAccounts() {
        Instant now = clock.instant();
        for (AccountState state : accounts.values()) state.startIfDue(now).ifPresent(settings -> workers.execute(() -> visit(state, settings)));
    }

    private void visit(AccountState state, FetchSettings settings) {
        FetchSession session = null;
        try {
            if (users.find(settings.user()).isEmpty()) throw new IOException("there is no local user " + settings.user());
            UidlJournal journal = journals.computeIfAbsent(settings.mailbox(), mailbox -> openJournal(root.resolve(directoryName(mailbox))));
            session = new FetchSession(settings, vault.open(settings.password()), journal, delivery, downloads,
                    FetchTls.socketFactory(etc, settings.trustedCertificate()));
            FetchSession.Outcome outcome;
            // two configurations of one provider mailbox share its journal: one visit at a time
            synchronized (journal) {
                outcome = session.run(state::connected);
            }
            state.succeeded(outcome, clock.instant());
        } catch (IOException | RuntimeException e) {
            state.failed(describe(e, settings), session == null ? new FetchSession.Outcome(-1, 0, 0) : session.progress(), clock.instant());
        }
    }

    private static UidlJournal openJournal(Path dir) {
        try {
            return UidlJournal.open(dir);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read the journal in " + dir, e);
        }
    }

    /** {@code login@server:port} as a directory name: characters other than letters, digits, {@code . _ - @} become {@code _}. */
    static String directoryName(String mailbox) {
        return mailbox.replaceAll("[^A-Za-z0-9._@-]", "_");
    }

    /** One line for the status and the log; never the password (no exception here carries it). */
    static String describe(Exception e, FetchSettings s) {
        String where = s.server() + ":" + s.port();
        if (e instanceof UnknownHostException) return "unknown host " + s.server();
        if (e instanceof ConnectException) return "cannot connect to " + where + ": " + e.getMessage();
        if (e instanceof SocketTimeoutException) return "no answer from " + where + " within " + s.timeoutSeconds() + " s";
        if (e instanceof SSLException) return "TLS with " + where + " failed: " + rootCause(e).getMessage();
        if (e instanceof SocketException) return "connection to " + where + " failed: " + e.getMessage();
        if (e instanceof EOFException || e instanceof Pop3ProtocolException) return e.getMessage();
        if (e instanceof java.io.UncheckedIOException u) return u.getMessage() + ": " + u.getCause().getMessage();
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        return t;
    }

    private void removeUnfinishedDownloads() throws IOException {
        if (!Files.isDirectory(downloads)) return;
        try (Stream<Path> files = Files.list(downloads)) {
            for (Path f : files.toList()) Files.deleteIfExists(f);
        }
    }

    private static Thread thread(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
