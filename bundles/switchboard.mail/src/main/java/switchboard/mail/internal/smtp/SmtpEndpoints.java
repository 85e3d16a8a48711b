package switchboard.mail.internal.smtp;

import java.io.IOException;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.subethamail.smtp.MessageHandlerFactory;
import org.subethamail.smtp.server.SMTPServer;
import switchboard.api.accounts.UserDirectory;
import switchboard.api.broker.ConnectionHandler;
import switchboard.api.broker.Endpoint;
import switchboard.mail.internal.tls.TlsMaterial;

/**
 * A running subethasmtp server fed by the broker's endpoints: SMTP and submission (STARTTLS) and SMTPS
 * (implicit TLS). {@link #stop} first gives the endpoints back to the broker, so new connections wait
 * there for the next version, then lets open sessions finish for a bounded time.
 */
final class SmtpEndpoints {
    private static final Logger LOG = LoggerFactory.getLogger(SmtpEndpoints.class);
    private static final long DRAIN_MILLIS = 10_000;
    private final HandedOverConnections connections;
    private final SessionTracker sessions = new SessionTracker();
    private final ExecutorService sessionThreads;
    private final SMTPServer server;
    private final List<ServiceRegistration<ConnectionHandler>> registrations = new ArrayList<>();

    SmtpEndpoints(BundleContext context, MailSettings settings, String hostName, SSLContext tls, UserDirectory users,
            MessageHandlerFactory messages) throws IOException {
        connections = new HandedOverConnections();
        sessionThreads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "switchboard-smtp-session");
            t.setDaemon(true);
            return t;
        });
        server = SMTPServer.port(settings.smtpPort()).hostName(hostName).softwareName("Switchboard")
                .serverSocketFactory(() -> connections)
                .executorService(sessionThreads)
                .messageHandlerFactory(messages)
                .authenticationHandlerFactory(new AccountAuthentication(users))
                .enableTLS().startTlsSocketFactory(socket -> TlsMaterial.serverSide(tls, socket))
                .sessionHandler(sessions)
                .maxMessageSize(settings.maxSize()).maxRecipients(settings.maxRecipients())
                .connectionTimeout(settings.timeoutSeconds(), TimeUnit.SECONDS)
                .maxConnections(200)
                .serverThreadName("switchboard-smtp-accept")
                .build();
        server.start();
        register(context, "smtp", settings.address(), settings.smtpPort(), connections::handOver);
        if (settings.submissionPort() > 0)
            register(context, "submission", settings.address(), settings.submissionPort(), connections::handOver);
        if (settings.smtpsPort() > 0)
            register(context, "smtps", settings.address(), settings.smtpsPort(),
                    socket -> connections.handOver(TlsMaterial.serverSide(tls, socket)));
    }

    private void register(BundleContext context, String name, String address, int port, ConnectionHandler handler) {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(Endpoint.NAME, name);
        properties.put(Endpoint.ADDRESS, address);
        properties.put(Endpoint.PORT, port);
        properties.put(Endpoint.PID, MailServer.PID);
        registrations.add(context.registerService(ConnectionHandler.class, handler, properties));
    }

    /** Sessions handed over and not yet ended. */
    long openSessions() {
        return connections.handedOver() - sessions.ended();
    }

    void stop() {
        for (ServiceRegistration<ConnectionHandler> r : registrations) {
            try {
                r.unregister();
            } catch (IllegalStateException e) {
                // the bundle is stopping and the framework unregistered it already
            }
        }
        long deadline = System.currentTimeMillis() + DRAIN_MILLIS;
        try {
            while (openSessions() > 0 && System.currentTimeMillis() < deadline) Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (openSessions() > 0) LOG.info("closing {} SMTP sessions still open after {} ms", openSessions(), DRAIN_MILLIS);
        server.stop();
        sessionThreads.shutdownNow();
    }
}
