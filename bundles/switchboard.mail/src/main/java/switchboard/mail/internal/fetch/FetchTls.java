package switchboard.mail.internal.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/** The TLS client side: the system's certificate authorities, or only the certificates of a PEM file in {@code etc/}. */
final class FetchTls {
    private FetchTls() {}

    static SSLSocketFactory socketFactory(Path etc, String trustedCertificate) throws IOException {
        try {
            if (trustedCertificate.isEmpty()) return SSLContext.getDefault().getSocketFactory();
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            int n = 0;
            try (InputStream in = Files.newInputStream(etc.resolve(trustedCertificate))) {
                for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) trusted.setCertificateEntry("c" + n++, c);
            }
            if (n == 0) throw new IOException("no certificate in etc/" + trustedCertificate);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context.getSocketFactory();
        } catch (GeneralSecurityException e) {
            throw new IOException("etc/" + trustedCertificate + ": " + e.getMessage(), e);
        }
    }
}
