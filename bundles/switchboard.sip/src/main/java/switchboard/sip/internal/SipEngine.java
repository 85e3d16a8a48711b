package switchboard.sip.internal;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.parser.StringMsgParser;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import switchboard.api.accounts.UserDirectory;
import switchboard.api.broker.DatagramSender;
import switchboard.sip.internal.digest.Nonces;
import switchboard.sip.internal.location.Binding;
import switchboard.sip.internal.location.BindingJournal;
import switchboard.sip.internal.location.LocationTable;
import switchboard.sip.internal.location.RegisterOutcome;
import switchboard.sip.internal.security.Scanners;
import switchboard.sip.internal.security.SourceThrottle;

/**
 * The registrar's request processing, run by one worker thread: parses a batch of datagrams,
 * answers each, and persists the batch's binding changes with one fsync before any 200 OK leaves.
 */
public final class SipEngine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SipEngine.class);
    /** Methods of a SIP phone's dialogs: a registrar refuses them with 405 and its Allow list. */
    private static final Set<String> KNOWN_METHODS = Set.of("INVITE", "ACK", "BYE", "CANCEL", "SUBSCRIBE",
            "NOTIFY", "MESSAGE", "INFO", "PRACK", "UPDATE", "REFER", "PUBLISH");
    static final int MAX_MESSAGE = 16 * 1024;

    private record Answer(Inbound to, byte[] bytes) {}

    private final StringMsgParser parser = new StringMsgParser();
    private final LocationTable table = new LocationTable();
    private final SipStats stats = new SipStats();
    private final BindingJournal journal;
    private final Nonces nonces;
    private final SourceThrottle failures;
    private final SourceThrottle scanners;
    private final Keepalive keepalive;
    private final LongSupplier clock;
    /** UDP clients retransmit for up to 32 s (64 * T1); most give up well before. */
    private final AnsweredRequests answered = new AnsweredRequests(32_000, 50_000);
    private volatile RegisterHandler register;
    private volatile String persistenceError;

    /** @param host the address the registrar is reached at, for the Via of its own requests */
    SipEngine(SipConfig config, Supplier<String> realm, Supplier<String> host, UserDirectory directory, Path data, LongSupplier clock) throws IOException {
        this.clock = clock;
        this.journal = new BindingJournal(data);
        table.load(journal.open(clock.getAsLong()));
        this.nonces = new Nonces(nonceKey(data), config.nonceSeconds() * 1000L, clock);
        this.failures = new SourceThrottle(config.failuresPerMinute(), clock);
        this.scanners = new SourceThrottle(1, clock);
        this.keepalive = new Keepalive(table, stats, clock);
        configure(config, realm, host, directory);
        LOG.info("SIP registrar: {} bindings restored from {}", table.size(), data);
    }

    void configure(SipConfig config, Supplier<String> realm, Supplier<String> host, UserDirectory directory) {
        failures.limit(config.failuresPerMinute());
        keepalive.configure(config.keepaliveSeconds(), config.unreachableGraceSeconds(), () -> host.get() + ":" + config.port());
        register = new RegisterHandler(config, realm, directory, nonces, table, failures, stats);
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
        return persistenceError;
    }

    public int blockedSources() {
        return failures.blockedSources() + scanners.blockedSources();
    }

    /**
     * Wraps a datagram for {@link #handle}, parsing it on the caller's thread (the socket's receive
     * thread), so that parsing overlaps with the worker's processing.
     */
    Inbound received(byte[] data, InetSocketAddress source, DatagramSender sender) {
        SIPMessage message = null;
        if (data.length <= MAX_MESSAGE) {
            synchronized (parser) {
                try {
                    message = parser.parseSIPMessage(data, true, false, null);
                } catch (ParseException | RuntimeException e) {
                    // answered 400 where possible by the worker, from the raw text
                }
            }
        }
        return new Inbound(data, source, sender, message);
    }

    /** Answers at once what changed nothing; the answers to changes leave after the batch's one fsync. */
    synchronized void handle(List<Inbound> batch) throws IOException {
        long now = clock.getAsLong();
        List<Answer> afterWrite = new ArrayList<>();
        List<Binding> saved = new ArrayList<>();
        List<Binding> removed = new ArrayList<>();
        for (Inbound in : batch) {
            int changesBefore = saved.size() + removed.size();
            Optional<byte[]> answer;
            try {
                answer = answer(in, now, saved, removed);
            } catch (RuntimeException e) {
                // the parser's objects throw unchecked exceptions on odd input: one bad datagram must not stop the others
                stats.malformed.increment();
                LOG.debug("SIP datagram from {} refused", in.source(), e);
                continue;
            }
            if (answer.isEmpty()) continue;
            if (saved.size() + removed.size() > changesBefore) afterWrite.add(new Answer(in, answer.get()));
            else send(new Answer(in, answer.get()));
        }
        if (!saved.isEmpty() || !removed.isEmpty()) {
            try {
                journal.append(saved, removed);
                if (journal.wantsCompaction(table.size())) journal.rewrite(table.all(now));
                persistenceError = null;
            } catch (IOException e) {
                // no answer leaves: the phones retransmit, and nothing unsaved was acknowledged
                persistenceError = e.toString();
                throw e;
            }
        }
        afterWrite.forEach(SipEngine::send);
    }

    private static void send(Answer a) {
        try {
            a.to().sender().send(ByteBuffer.wrap(a.bytes()), a.to().source());
        } catch (IOException e) {
            LOG.debug("SIP answer to {} not sent: {}", a.to().source(), e.toString());
        }
    }

    /** Expires bindings, nonces and throttle windows; pings contacts behind NAT; drops unreachable ones. */
    synchronized void maintain() throws IOException {
        long now = clock.getAsLong();
        table.expire(now);
        answered.expire(now);
        failures.expire();
        scanners.expire();
        List<Binding> unreachable = keepalive.run(now);
        if (!unreachable.isEmpty()) journal.append(List.of(), unreachable);
    }

    /** Removes an address of record's bindings (administrative unregister); returns how many. */
    public synchronized int unregister(String aor) throws IOException {
        List<Binding> removed = table.remove(b -> b.aor().equals(aor));
        if (!removed.isEmpty()) journal.append(List.of(), removed);
        return removed.size();
    }

    private Optional<byte[]> answer(Inbound in, long now, List<Binding> saved, List<Binding> removed) {
        stats.requests.increment();
        String ip = in.source().getAddress().getHostAddress();
        if (failures.blocked(ip) || scanners.blocked(ip)) {
            stats.throttled.increment();
            return Optional.empty();
        }
        if (in.data().length > MAX_MESSAGE) {
            stats.malformed.increment();
            return BadRequest.response(in.data(), 513, "Message Too Large");
        }
        SIPMessage message = in.message();
        if (message == null || message.getCallId() == null || message.getCSeq() == null || message.getTopmostVia() == null
                || message.getFrom() == null || message.getTo() == null) {
            stats.malformed.increment();
            return BadRequest.response(in.data(), 400, "Bad Request");
        }
        if (message instanceof SIPResponse response) {
            keepalive.answered(response);
            return Optional.empty();
        }
        SIPRequest request = (SIPRequest) message;
        if (Scanners.isScanner(request.getHeaderAsFormattedString("User-Agent"))) {
            stats.scanners.increment();
            scanners.count(ip);
            return Optional.empty();
        }
        keepalive.usedSender(in.sender());
        String transaction = AnsweredRequests.key(String.valueOf(request.getTopmostVia().getBranch()),
                request.getCallId().getCallId(), request.getCSeq().getSeqNumber(), request.getMethod());
        Optional<byte[]> earlier = answered.answerTo(transaction, now);
        if (earlier.isPresent()) {
            stats.retransmissions.increment();
            return earlier;
        }
        markReceived(request.getTopmostVia(), in);
        Optional<byte[]> answer = respond(request, in, now, saved, removed);
        answer.ifPresent(bytes -> answered.remember(transaction, bytes, now));
        return answer;
    }

    private Optional<byte[]> respond(SIPRequest request, Inbound in, long now, List<Binding> saved, List<Binding> removed) {
        return switch (request.getMethod()) {
            case "REGISTER" -> {
                RegisterHandler.Reply reply = register.handle(request, in.source(), now);
                reply.outcome().filter(RegisterOutcome::changed).ifPresent(o -> {
                    keepalive.reachable(o.saved(), now);
                    saved.addAll(o.saved());
                    removed.addAll(o.removed());
                });
                yield Optional.of(reply.response().encodeAsBytes("UDP"));
            }
            case "OPTIONS" -> {
                SIPResponse ok = Responses.create(request, 200);
                Responses.allow(ok);
                yield Optional.of(ok.encodeAsBytes("UDP"));
            }
            case "ACK" -> Optional.empty();
            default -> {
                SIPResponse refused = Responses.create(request, KNOWN_METHODS.contains(request.getMethod()) ? 405 : 501);
                Responses.allow(refused);
                yield Optional.of(refused.encodeAsBytes("UDP"));
            }
        };
    }

    /** RFC 3261 §18.2.1 {@code received} and RFC 3581 {@code rport}, so the answer finds a phone behind NAT. */
    private static void markReceived(Via via, Inbound in) {
        try {
            String ip = in.source().getAddress().getHostAddress();
            if (!ip.equals(via.getHost()) || via.hasParameter("rport")) via.setReceived(ip);
            if (via.hasParameter("rport")) via.setParameter("rport", Integer.toString(in.source().getPort()));
        } catch (ParseException e) {
            throw new IllegalArgumentException(e);
        }
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
        journal.close();
    }
}
