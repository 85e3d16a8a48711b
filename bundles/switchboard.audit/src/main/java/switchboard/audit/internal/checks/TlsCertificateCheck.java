package switchboard.audit.internal.checks;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.apache.felix.hc.api.FormattingResultLog;
import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import switchboard.api.broker.SocketBroker;

/** The certificate the mail servers present: self-signed ones make clients click through warnings; expired ones fail. */
@Component(property = {HealthCheck.NAME + "=Security: TLS certificate", HealthCheck.TAGS + "=" + SecurityChecks.TAG})
public class TlsCertificateCheck implements HealthCheck {
    static final Duration RENEW_BEFORE = Duration.ofDays(30);
    private static final int TIMEOUT_MILLIS = 3_000;

    private final SocketBroker broker;

    @Activate
    public TlsCertificateCheck(@Reference SocketBroker broker) {
        this.broker = broker;
    }

    @Override
    public Result execute() {
        FormattingResultLog log = new FormattingResultLog();
        for (String name : List.of("smtps", "pop3s")) {
            Optional<InetSocketAddress> endpoint = MailEndpoints.find(broker, name);
            if (endpoint.isEmpty()) continue;
            try {
                judge(presented(endpoint.get()), Clock.systemUTC().instant(), name + " on " + endpoint.get(), log);
            } catch (IOException | GeneralSecurityException e) {
                log.warn("cannot read the certificate of {} on {}: {}", name, endpoint.get(), e.getMessage());
            }
            return new Result(log);
        }
        log.info("no TLS endpoint open");
        return new Result(log);
    }

    static void judge(X509Certificate cert, Instant now, String where, FormattingResultLog log) {
        String subject = cert.getSubjectX500Principal().getName();
        Instant notAfter = cert.getNotAfter().toInstant();
        if (notAfter.isBefore(now)) log.critical("the certificate of {} ({}) expired on {}. Fix: install a current one as etc/mail.p12", where, subject, notAfter);
        else if (notAfter.isBefore(now.plus(RENEW_BEFORE)))
            log.warn("the certificate of {} ({}) expires on {}, within {} days. Fix: renew it (etc/mail.p12)", where, subject, notAfter, RENEW_BEFORE.toDays());
        if (selfSigned(cert))
            log.warn("{} presents a self-signed certificate ({}): clients cannot tell it from an impostor's. "
                    + "Fix: a certificate from a CA for the box's public name as etc/mail.p12 (tls.password in switchboard.mail)", where, subject);
        if (!selfSigned(cert) && !notAfter.isBefore(now.plus(RENEW_BEFORE)))
            log.info("{} presents {} issued by {}, valid until {}", where, subject, cert.getIssuerX500Principal().getName(), notAfter);
    }

    static boolean selfSigned(X509Certificate cert) {
        if (!cert.getSubjectX500Principal().equals(cert.getIssuerX500Principal())) return false;
        try {
            cert.verify(cert.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** The leaf certificate the server presents; accepted whatever it is, since it is only looked at. */
    private static X509Certificate presented(InetSocketAddress server) throws IOException, GeneralSecurityException {
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, new TrustManager[] {new LookOnly()}, new SecureRandom());
        try (Socket plain = new Socket()) {
            plain.connect(server, TIMEOUT_MILLIS);
            plain.setSoTimeout(TIMEOUT_MILLIS);
            try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket(plain, server.getHostString(), server.getPort(), true)) {
                socket.startHandshake();
                Certificate[] chain = socket.getSession().getPeerCertificates();
                return (X509Certificate) chain[0];
            }
        }
    }

    /** Trusts every server: the connection carries nothing, it only fetches the certificate to judge it. */
    private static final class LookOnly implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
