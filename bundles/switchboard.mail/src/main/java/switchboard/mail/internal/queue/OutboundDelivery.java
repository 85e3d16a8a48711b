package switchboard.mail.internal.queue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers queued mail to other domains: per domain to its MX hosts in order of preference (or to the
 * smarthost), retrying temporary failures with growing back-off (RFC 5321 §4.5.4.1) and bouncing
 * permanent ones, and those still undelivered after the queue lifetime, to the sender.
 */
public final class OutboundDelivery {
    private static final Logger LOG = LoggerFactory.getLogger(OutboundDelivery.class);
    private static final List<Duration> BACKOFF = List.of(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15),
            Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(4));

    /** Where and how to deliver, read afresh for each run. */
    public record Route(InetSocketAddress resolver, int port, Optional<Smarthost> smarthost, Duration lifetime,
            String heloHost, String domain) {}

    /** Takes bounces: into a local mailbox or back into the queue. */
    public interface Bounces {
        void send(String to, byte[] report) throws IOException;
    }

    private final OutboundQueue queue;
    private final Bounces bounces;
    private volatile SmtpClient current;
    private volatile boolean closed;

    public OutboundDelivery(OutboundQueue queue, Bounces bounces) {
        this.queue = queue;
        this.bounces = bounces;
    }

    /** Ends a delivery in progress and any later one (the bundle is stopping). */
    public void close() {
        closed = true;
        SmtpClient c = current;
        if (c != null) {
            try {
                c.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }

    /**
     * STARTTLS whenever offered (opportunistic, unauthenticated, as Postfix's {@code may} level); the
     * smarthost, when it gets a login, only over TLS, verified if so configured. A refused login is a
     * temporary failure (as Postfix's soft bounce): a wrong password must not bounce the office's mail.
     */
    private static void secure(SmtpClient client, Optional<Smarthost> smarthost, String hostName) throws IOException {
        Optional<Smarthost> login = smarthost.filter(Smarthost::logsIn);
        boolean verify = login.map(Smarthost::verifyCertificate).orElse(false);
        if (client.offers("STARTTLS")) client.startTls(verify ? TlsClients.verifying() : TlsClients.encryptingOnly(), verify ? hostName : null);
        if (login.isEmpty()) return;
        if (!client.encrypted()) throw new SmtpClient.ReplyException(454, hostName + " offers no STARTTLS: the smarthost password is never sent in clear");
        try {
            client.authenticate(login.get().user(), login.get().password());
        } catch (SmtpClient.ReplyException e) {
            throw new SmtpClient.ReplyException(454, "smarthost login as " + login.get().user() + " refused: " + e.getMessage());
        }
    }

    private static void quietlyQuit(SmtpClient client) {
        try {
            client.command("QUIT", 2);
        } catch (IOException e) {
            // the message is delivered; a server that drops the connection at QUIT changes nothing
        }
    }

    /** Outcome of one run: recipients delivered and bounced. */
    public record Outcome(int sent, int bounced) {}

    /** Tries every entry that is due (or every entry, when {@code all}). */
    public Outcome run(Route route, boolean all) {
        int sent = 0;
        int bounced = 0;
        try {
            for (QueueEntry entry : queue.entries()) {
                if (closed || Thread.currentThread().isInterrupted()) break;
                if (!all && entry.nextAttempt().isAfter(Instant.now())) continue;
                Outcome o = attempt(route, entry);
                sent += o.sent();
                bounced += o.bounced();
            }
        } catch (IOException e) {
            LOG.warn("outbound queue unreadable: {}", e.getMessage());
        }
        return new Outcome(sent, bounced);
    }

    private Outcome attempt(Route route, QueueEntry entry) throws IOException {
        byte[] message = queue.message(entry);
        Map<String, List<String>> byDomain = new LinkedHashMap<>();
        for (String r : entry.recipients()) byDomain.computeIfAbsent(r.substring(r.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT), d -> new ArrayList<>()).add(r);
        List<String> retry = new ArrayList<>();
        Map<String, String> failed = new LinkedHashMap<>();
        String lastError = "";
        int sent = 0;
        for (Map.Entry<String, List<String>> d : byDomain.entrySet()) {
            DomainResult result = deliverToDomain(route, entry.sender(), d.getKey(), d.getValue(), message);
            sent += result.sent;
            retry.addAll(result.temporary.keySet());
            failed.putAll(result.permanent);
            if (!result.temporary.isEmpty()) lastError = result.temporary.values().iterator().next();
        }
        Instant now = Instant.now();
        if (!retry.isEmpty() && now.isAfter(entry.queued().plus(route.lifetime()))) {
            for (String r : retry) failed.put(r, "gave up after " + route.lifetime().toHours() + " hours: " + lastError);
            retry.clear();
        }
        if (!failed.isEmpty() && !entry.sender().isEmpty())
            bounces.send(entry.sender(), DeliveryStatus.bounce(route.heloHost(), route.domain(), entry.sender(), failed, message));
        if (retry.isEmpty()) queue.delete(entry.id());
        else {
            Duration wait = BACKOFF.get(Math.min(entry.attempts(), BACKOFF.size() - 1));
            queue.save(new QueueEntry(entry.id(), entry.sender(), retry, entry.queued(), entry.attempts() + 1, now.plus(wait), lastError));
        }
        if (sent > 0 || !failed.isEmpty())
            LOG.info("queue {}: {} delivered, {} bounced, {} to retry", entry.id(), sent, failed.size(), retry.size());
        return new Outcome(sent, failed.size());
    }

    private static final class DomainResult {
        int sent;
        final Map<String, String> temporary = new LinkedHashMap<>();
        final Map<String, String> permanent = new LinkedHashMap<>();
    }

    private DomainResult deliverToDomain(Route route, String sender, String domain, List<String> recipients, byte[] message) {
        DomainResult result = new DomainResult();
        List<InetSocketAddress> hosts = new ArrayList<>();
        MxLookup dns = new MxLookup(route.resolver());
        try {
            if (route.smarthost().isPresent()) hosts.add(route.smarthost().get().address());
            else for (String exchanger : dns.exchangers(domain))
                for (String address : dns.addresses(exchanger)) hosts.add(InetSocketAddress.createUnresolved(address, route.port()));
        } catch (IOException e) {
            String why = "MX lookup for " + domain + " failed: " + e.getMessage();
            boolean permanent = e.getMessage() != null && e.getMessage().contains("NXDOMAIN");
            recipients.forEach(r -> (permanent ? result.permanent : result.temporary).put(r, why));
            return result;
        }
        String lastError = "no mail exchanger for " + domain;
        for (InetSocketAddress host : hosts) {
            try (SmtpClient client = new SmtpClient()) {
                current = client;
                if (closed) break;
                client.connect(new InetSocketAddress(host.getHostString(), host.getPort()), route.heloHost());
                secure(client, route.smarthost(), host.getHostString());
                client.command("MAIL FROM:<" + sender + ">", 2);
                List<String> accepted = new ArrayList<>();
                for (String r : recipients) {
                    try {
                        client.command("RCPT TO:<" + r + ">", 2);
                        accepted.add(r);
                    } catch (SmtpClient.ReplyException e) {
                        (e.code >= 500 ? result.permanent : result.temporary).put(r, e.getMessage());
                    }
                }
                if (!accepted.isEmpty()) {
                    client.data(message);
                    result.sent += accepted.size();
                }
                quietlyQuit(client);
                return result;
            } catch (SmtpClient.ReplyException e) {
                lastError = host.getHostString() + ": " + e.getMessage();
                if (e.code >= 500) {
                    String why = lastError;
                    recipients.stream().filter(r -> !result.permanent.containsKey(r)).forEach(r -> result.permanent.put(r, why));
                    result.temporary.clear();
                    return result;
                }
            } catch (IOException e) {
                lastError = host.getHostString() + ": " + e.getMessage();
            } finally {
                current = null;
            }
        }
        String why = lastError;
        recipients.stream().filter(r -> !result.permanent.containsKey(r)).forEach(r -> result.temporary.put(r, why));
        return result;
    }
}
