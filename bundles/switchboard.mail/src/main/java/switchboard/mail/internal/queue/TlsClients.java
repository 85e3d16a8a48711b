package switchboard.mail.internal.queue;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/** Client TLS for outbound SMTP: verified against the JVM's trusted authorities, or merely encrypted. */
final class TlsClients {
    private TlsClients() {}

    static SSLSocketFactory verifying() {
        return (SSLSocketFactory) SSLSocketFactory.getDefault();
    }

    /**
     * Encryption without authentication, as for opportunistic STARTTLS to MX hosts (RFC 7435): most
     * mail servers present certificates no client could verify, and plain text would be worse.
     */
    static SSLSocketFactory encryptingOnly() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new AnyCertificate()}, null);
            return context.getSocketFactory();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS is not available", e);
        }
    }

    private static final class AnyCertificate implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            // not a server
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // opportunistic: any certificate encrypts as well
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
