package switchboard.mail.internal.pop3;

import java.io.IOException;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import javax.net.ssl.SSLContext;
import org.osgi.framework.BundleContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import switchboard.api.accounts.UserDirectory;
import switchboard.mail.internal.MailServer;
import switchboard.mail.internal.MailSettings;
import switchboard.mail.internal.maildir.MailStore;
import switchboard.mail.internal.net.EndpointRegistrations;
import switchboard.mail.internal.tls.TlsMaterial;

/**
 * POP3 (with STLS) and POP3S (implicit TLS) on the broker's endpoints. {@link #stop} gives the endpoints
 * back to the broker, lets open sessions end for a bounded time, then closes what is left.
 */
public final class Pop3Endpoints {
    private static final Logger LOG = LoggerFactory.getLogger(Pop3Endpoints.class);
    private static final long DRAIN_MILLIS = 5_000;
    private static final int MAX_SESSIONS = 100;
    private final ExecutorService sessions = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "switchboard-pop3-session");
        t.setDaemon(true);
        return t;
    });
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final MailboxLocks locks = new MailboxLocks();
    private final EndpointRegistrations endpoints;

    /** @param plaintextLoginAllowed whether USER/PASS may be used without TLS from this connection's source */
    public Pop3Endpoints(BundleContext context, MailSettings settings, SSLContext tls, UserDirectory users, MailStore store,
            Predicate<Socket> plaintextLoginAllowed) {
        endpoints = new EndpointRegistrations(context, MailServer.PID);
        if (settings.pop3Port() > 0)
            endpoints.register("pop3", settings.address(), settings.pop3Port(),
                    socket -> start(socket, settings, tls, users, store, plaintextLoginAllowed));
        if (settings.pop3sPort() > 0)
            endpoints.register("pop3s", settings.address(), settings.pop3sPort(),
                    socket -> start(TlsMaterial.serverSide(tls, socket), settings, tls, users, store, plaintextLoginAllowed));
    }

    private void start(Socket socket, MailSettings settings, SSLContext tls, UserDirectory users, MailStore store,
            Predicate<Socket> plaintextLoginAllowed) throws IOException {
        if (open.size() >= MAX_SESSIONS) {
            socket.getOutputStream().write("-ERR [SYS/TEMP] too many connections, try later\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.close();
            return;
        }
        socket.setSoTimeout(settings.timeoutSeconds() * 1000);
        open.add(socket);
        try {
            sessions.execute(() -> {
                try {
                    new Pop3Session(socket, tls, users, store, locks, plaintextLoginAllowed).run();
                } finally {
                    open.remove(socket);
                }
            });
        } catch (RejectedExecutionException e) {
            open.remove(socket);
            socket.close();
        }
    }

    public int openSessions() {
        return open.size();
    }

    public void stop() {
        endpoints.unregisterAll();
        long deadline = System.currentTimeMillis() + DRAIN_MILLIS;
        try {
            while (!open.isEmpty() && System.currentTimeMillis() < deadline) Thread.sleep(50);
            if (!open.isEmpty()) LOG.info("closing {} POP3 sessions still open after {} ms", open.size(), DRAIN_MILLIS);
            for (Socket s : open) {
                try {
                    s.close();
                } catch (IOException e) {
                    // closing anyway
                }
            }
            sessions.shutdownNow();
            sessions.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
