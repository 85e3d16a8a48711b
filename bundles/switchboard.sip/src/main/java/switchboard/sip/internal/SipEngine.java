package switchboard.sip.internal;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.parser.StringMsgParser;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.text.ParseException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import switchboard.api.accounts.UserDirectory;
import switchboard.sip.internal.digest.Nonces;
import switchboard.sip.internal.location.Binding;
import switchboard.sip.internal.location.BindingJournal;
import switchboard.sip.internal.location.GroupCommit;
import switchboard.sip.internal.location.LocationTable;
import switchboard.sip.internal.location.RegisterOutcome;
import switchboard.sip.internal.security.FloodLimit;
import switchboard.sip.internal.security.Scanners;
import switchboard.sip.internal.security.SourceThrottle;

/**
 * The registrar's request processing: parses a datagram and answers it; safe to call from several threads
 * at once (each with a parser of its own). Changes of the location table go to the {@link GroupCommit},
 * and their 200 OK leaves only once the change is written to the journal; answering never waits for
 * the device.
 */
public final class SipEngine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SipEngine.class);
    /** Methods of a SIP phone's dialogs: a registrar refuses them with 405 and its Allow list. */
    private static final Set<String> KNOWN_METHODS = Set.of("INVITE", "ACK", "BYE", "CANCEL", "SUBSCRIBE",
            "NOTIFY", "MESSAGE", "INFO", "PRACK", "UPDATE", "REFER", "PUBLISH");
    static final int MAX_MESSAGE = 16 * 1024;

    /** An answer, and the ticket of the table change it acknowledges (0: none, it may leave at once). */
    private record Reply(byte[] bytes, long ticket) {}

    private final ThreadLocal<StringMsgParser> parsers = ThreadLocal.withInitial(StringMsgParser::new);
    private final LocationTable table = new LocationTable();
    private final SipStats stats = new SipStats();
    private final GroupCommit commits;
    private final Nonces nonces;
    private final SourceThrottle failures;
    private final SourceThrottle scanners;
    private final FloodLimit floods;
    private final Keepalive keepalive;
    private final LongSupplier clock;
    /**
     * UDP clients retransmit for up to 32 s (64 * T1); most give up well before. 16 MB keep the window at an
     * office's rates and the first few retransmissions (0.5, 1.5, 3.5 s) even at thousands of registrations a second.
     */
    private final AnsweredRequests answered = new AnsweredRequests(32_000, 16 << 20);
    private volatile RegisterHandler register;

    /** @param host the address the registrar is reached at, for the Via of its own requests */
    SipEngine(SipConfig config, Supplier<String> realm, Supplier<String> host, UserDirectory directory, Path data, LongSupplier clock) throws IOException {
        this.clock = clock;
        BindingJournal journal = new BindingJournal(data);
        table.load(journal.open(clock.getAsLong()));
        this.commits = new GroupCommit(journal, () -> table.all(clock.getAsLong()), table::size, config.journalSyncMillis());
        this.nonces = new Nonces(nonceKey(data), config.nonceSeconds() * 1000L, clock);
        this.failures = new SourceThrottle(config.failuresPerMinute(), clock);
        this.scanners = new SourceThrottle(1, clock);
        this.floods = new FloodLimit(config.floodPerSecond(), config.floodBlockSeconds());
        this.keepalive = new Keepalive(table, stats, clock);
        configure(config, realm, host, directory);
        LOG.info("SIP registrar: {} bindings restored from {}", table.size(), data);
    }

    void configure(SipConfig config, Supplier<String> realm, Supplier<String> host, UserDirectory directory) {
        commits.syncMillis(config.journalSyncMillis());
        failures.limit(config.failuresPerMinute());
        floods.limit(config.floodPerSecond(), config.floodBlockSeconds());
        keepalive.configure(config.keepaliveSeconds(), config.unreachableGraceSeconds(), () -> host.get() + ":" + config.port());
        register = new RegisterHandler(config, realm, directory, nonces, table, commits, failures, stats);
    }

    public LocationTable table() {
        return table;
    }

    public SipStats stats() {
        return stats;
    }

    public Keepalive keepalive() {
        return keepalive;
    }

    /** Why the last write of the bindings failed, or null when it succeeded. */
    public String persistenceError() {
        return commits.error();
    }

    public int blockedSources() {
        return failures.blockedSources() + scanners.blockedSources() + floods.blockedSources(clock.getAsLong());
    }

    /** Answers one datagram; called by several threads at once. */
    void handle(Inbound in) {
        try {
            answer(in, clock.getAsLong());
        } catch (RuntimeException e) {
            // the parser's objects throw unchecked exceptions on odd input: one bad datagram must not stop the others
            stats.malformed.increment();
            LOG.debug("SIP datagram from {} refused", in.source(), e);
        }
    }

    /** Waits until every table change so far is on disk and acknowledged; false after the timeout. */
    boolean flush(long timeoutMillis) throws InterruptedException {
        return commits.awaitDurable(timeoutMillis);
    }

    private static void send(Inbound to, byte[] bytes) {
        try {
            to.sender().send(ByteBuffer.wrap(bytes), to.source());
        } catch (IOException e) {
            LOG.debug("SIP answer to {} not sent: {}", to.source(), e.toString());
        }
    }

    /** Expires bindings, nonces and throttle windows; pings contacts behind NAT; drops unreachable ones. */
    void maintain() {
        long now = clock.getAsLong();
        table.expire(now);
        answered.trim(now);
        failures.expire();
        scanners.expire();
        floods.expire(now);
        synchronized (commits) {
            commits.record(List.of(), keepalive.run(now));
        }
    }

    /** Removes an address of record's bindings (administrative unregister); returns how many. */
    public int unregister(String aor) throws IOException {
        List<Binding> removed;
        synchronized (commits) {
            removed = table.remove(b -> b.aor().equals(aor));
            commits.record(List.of(), removed);
        }
        try {
            if (!commits.awaitDurable(10_000)) throw new IOException("bindings not saved: " + commits.error());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while saving the bindings", e);
        }
        return removed.size();
    }

    private void answer(Inbound in, long now) {
        stats.requests.increment();
        String ip = in.source().getAddress().getHostAddress();
        if (failures.blocked(ip) || scanners.blocked(ip)) {
            stats.throttled.increment();
            return;
        }
        if (floods.exceeded(in.source().getAddress(), now)) {
            stats.flooding.increment();
            return;
        }
        if (in.data().length > MAX_MESSAGE) {
            stats.malformed.increment();
            BadRequest.response(in.data(), 513, "Message Too Large").ifPresent(b -> send(in, b));
            return;
        }
        // a copy of a request seen already is answered (or dropped) before the full parser runs
        SipRequest request = RequestParser.parse(in.data());
        String rawKey = request != null ? transaction(request) : TransactionKey.of(in.data());
        if (rawKey != null && retransmitted(in, rawKey, now)) return;
        if (request == null) {
            SIPMessage message = parse(in.data());
            if (message == null || message.getCallId() == null || message.getCSeq() == null || message.getTopmostVia() == null
                    || message.getFrom() == null || message.getTo() == null) {
                stats.malformed.increment();
                Optional<byte[]> refusal = BadRequest.response(in.data(), 400, "Bad Request");
                if (refusal.isPresent()) reply(in, rawKey, refusal.get(), now);
                else if (rawKey != null) answered.forget(rawKey);
                return;
            }
            if (message instanceof SIPResponse response) {
                keepalive.answered(response);
                return;
            }
            request = JainRequests.of((SIPRequest) message);
        }
        if (Scanners.isScanner(request.userAgent())) {
            stats.scanners.increment();
            scanners.count(ip);
            return;
        }
        keepalive.usedSender(in.sender());
        String transaction = rawKey != null ? rawKey : transaction(request);
        if (rawKey == null && retransmitted(in, transaction, now)) return;
        SipRequest marked = request.receivedFrom(ip, in.source().getPort());
        respond(marked, in, now).ifPresent(r -> commits.whenDurable(r.ticket(), () -> reply(in, transaction, r.bytes(), now)));
    }

    private static String transaction(SipRequest request) {
        return AnsweredRequests.key(TransactionKey.branch(request.vias().get(0)), request.callId(), request.cseq(), request.method());
    }

    /** Whether the request belongs to a transaction seen already: then its answer went out again, if it had one. */
    private boolean retransmitted(Inbound in, String transaction, long now) {
        Optional<byte[]> earlier = answered.begin(transaction, now);
        if (earlier.isEmpty()) return false;
        stats.retransmissions.increment();
        if (earlier.get().length > 0) send(in, earlier.get());
        return true;
    }

    /** Sends an answer and keeps it for the request's retransmissions. */
    private void reply(Inbound in, String transaction, byte[] answer, long now) {
        if (transaction != null) answered.remember(transaction, answer, now);
        send(in, answer);
    }

    private SIPMessage parse(byte[] data) {
        try {
            return parsers.get().parseSIPMessage(data, true, false, null);
        } catch (ParseException | RuntimeException e) {
            return null; // answered 400 where possible, from the raw text
        }
    }

    private Optional<Reply> respond(SipRequest request, Inbound in, long now) {
        return switch (request.method()) {
            case "REGISTER" -> {
                RegisterHandler.Reply reply = register.handle(request, in.source(), now);
                reply.outcome().filter(RegisterOutcome::changed).ifPresent(o -> keepalive.reachable(o.saved(), now));
                yield Optional.of(new Reply(reply.response().bytes(), reply.ticket()));
            }
            case "OPTIONS" -> {
                yield Optional.of(new Reply(new Response(request, 200).allow().bytes(), 0));
            }
            case "ACK" -> Optional.empty();
            default -> {
                int status = KNOWN_METHODS.contains(request.method()) ? 405 : 501;
                yield Optional.of(new Reply(new Response(request, status).allow().bytes(), 0));
            }
        };
    }

    private static byte[] nonceKey(Path data) throws IOException {
        Path file = data.resolve("nonce-key");
        if (Files.exists(file) && Files.size(file) == 32) return Files.readAllBytes(file);
        byte[] key = Nonces.newKey();
        Path tmp = data.resolve("nonce-key.tmp");
        Files.write(tmp, key);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return key;
    }

    @Override
    public void close() throws IOException {
        commits.close();
    }
}
