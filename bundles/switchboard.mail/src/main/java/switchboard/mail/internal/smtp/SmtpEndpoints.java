package switchboard.mail.internal.smtp;

import java.io.IOException;
import java.net.Socket;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import org.osgi.framework.BundleContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.subethamail.smtp.server.SMTPServer;
import switchboard.api.accounts.UserDirectory;
import switchboard.mail.internal.MailServer;
import switchboard.mail.internal.MailSettings;
import switchboard.mail.internal.net.EndpointRegistrations;
import switchboard.mail.internal.tls.TlsMaterial;

/**
 * Two running subethasmtp servers fed by the broker's endpoints, as Postfix is usually set up: inbound SMTP
 * (STARTTLS offered, no AUTH: other domains' servers and the LAN, relaying by address) and submission with
 * STARTTLS or implicit TLS (SMTPS), where AUTH is offered only once the connection is encrypted and nothing
 * is taken before. {@link #stop} first gives the endpoints back to the broker, so new connections wait there
 * for the next version, then lets open sessions finish for a bounded time.
 */
public final class SmtpEndpoints {
    private static final Logger LOG = LoggerFactory.getLogger(SmtpEndpoints.class);
    private static final long DRAIN_MILLIS = 10_000;
    private final HandedOverConnections inboundConnections = new HandedOverConnections();
    private final HandedOverConnections submissionConnections = new HandedOverConnections();
    private final SessionTracker sessions = new SessionTracker();
    private final ExecutorService sessionThreads;
    private final SMTPServer inbound;
    private final SMTPServer submission;
    private final EndpointRegistrations endpoints;

    /** @param policy the rules for a transaction starting now */
    public SmtpEndpoints(BundleContext context, MailSettings settings, String hostName, SSLContext tls, UserDirectory users,
            Supplier<InboundPolicy> policy, MessageDelivery delivery) throws IOException {
        sessionThreads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "switchboard-smtp-session");
            t.setDaemon(true);
            return t;
        });
        inbound = server(settings, hostName, tls, policy, delivery, inboundConnections, "switchboard-smtp-accept").build();
        submission = server(settings, hostName, tls, policy, delivery, submissionConnections, "switchboard-submission-accept")
                .authenticationHandlerFactory(new AccountAuthentication(users)).requireTLS().build();
        inbound.start();
        submission.start();
        endpoints = new EndpointRegistrations(context, MailServer.PID);
        endpoints.register("smtp", settings.address(), settings.smtpPort(), inboundConnections::handOver);
        if (settings.submissionPort() > 0)
            endpoints.register("submission", settings.address(), settings.submissionPort(), submissionConnections::handOver);
        if (settings.smtpsPort() > 0)
            endpoints.register("smtps", settings.address(), settings.smtpsPort(),
                    socket -> submissionConnections.handOver(TlsMaterial.serverSide(tls, socket)));
    }

    private SMTPServer.Builder server(MailSettings settings, String hostName, SSLContext tls, Supplier<InboundPolicy> policy,
            MessageDelivery delivery, HandedOverConnections connections, String acceptThread) {
        return SMTPServer.port(settings.smtpPort()).hostName(hostName).softwareName("Switchboard")
                .serverSocketFactory(() -> connections)
                .executorService(sessionThreads)
                .messageHandlerFactory(messageContext -> new InboundTransaction(messageContext, policy.get(), delivery))
                .enableTLS().startTlsSocketFactory(socket -> TlsMaterial.serverSide(tls, socket))
                .sessionHandler(sessions)
                .maxMessageSize(settings.maxSize()).maxRecipients(settings.maxRecipients())
                .connectionTimeout(settings.timeoutSeconds(), TimeUnit.SECONDS)
                .maxConnections(200)
                .serverThreadName(acceptThread);
    }

    /** Sessions handed over and not yet ended. */
    public long openSessions() {
        return inboundConnections.handedOver() + submissionConnections.handedOver() - sessions.ended();
    }

    public void stop() {
        endpoints.unregisterAll();
        long deadline = System.currentTimeMillis() + DRAIN_MILLIS;
        try {
            while (openSessions() > 0 && System.currentTimeMillis() < deadline) Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (openSessions() > 0) LOG.info("closing {} SMTP sessions still open after {} ms", openSessions(), DRAIN_MILLIS);
        inbound.stop();
        submission.stop();
        sessionThreads.shutdownNow();
    }
}
