package switchboard.mail.internal.smtp;

import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLSocket;
import org.subethamail.smtp.server.Session;
import org.subethamail.smtp.server.SessionHandler;

/**
 * Counts ended sessions, so that a stopping server can let the open ones finish, and marks sessions that
 * arrived on the implicit-TLS port as encrypted (their socket is already an {@link SSLSocket}).
 */
final class SessionTracker implements SessionHandler {
    private final AtomicLong ended = new AtomicLong();

    @Override
    public SessionAcceptance accept(Session session) {
        if (session.getSocket() instanceof SSLSocket) session.setTlsStarted(true);
        return SessionAcceptance.success();
    }

    @Override
    public void onSessionEnd(Session session) {
        ended.incrementAndGet();
    }

    long ended() {
        return ended.get();
    }
}
