package switchboard.audit.internal.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.felix.hc.api.FormattingResultLog;
import org.apache.felix.hc.api.Result;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Certificates made by the JDK's keytool: a self-signed one, and one signed by a small CA. */
@Timeout(120)
class TlsCertificateCheckTest {
    @TempDir
    static Path dir;
    static X509Certificate selfSigned;
    static X509Certificate caSigned;

    @BeforeAll
    static void makeCertificates() throws Exception {
        keytool("-genkeypair", "-keystore", "ca.p12", "-alias", "ca", "-keyalg", "EC", "-dname", "CN=Office CA", "-ext", "bc:c", "-validity", "3650");
        keytool("-genkeypair", "-keystore", "server.p12", "-alias", "server", "-keyalg", "EC", "-dname", "CN=mail.office.example", "-validity", "90");
        keytool("-certreq", "-keystore", "server.p12", "-alias", "server", "-file", "server.csr");
        keytool("-gencert", "-keystore", "ca.p12", "-alias", "ca", "-infile", "server.csr", "-outfile", "server.crt", "-validity", "90");
        keytool("-exportcert", "-keystore", "server.p12", "-alias", "server", "-file", "self.crt");
        selfSigned = read("self.crt");
        caSigned = read("server.crt");
    }

    @Test
    void aSelfSignedCertificateIsAWarning() {
        assertTrue(TlsCertificateCheck.selfSigned(selfSigned));
        Result result = judge(selfSigned, Instant.now());
        assertEquals(Result.Status.WARN, result.getStatus());
        assertTrue(result.toString().contains("self-signed"), result.toString());
    }

    @Test
    void aCaSignedCertificateIsFineUntilThirtyDaysBeforeItExpiresAndCriticalAfter() {
        assertFalse(TlsCertificateCheck.selfSigned(caSigned));
        Instant expiry = caSigned.getNotAfter().toInstant();

        assertEquals(Result.Status.OK, judge(caSigned, expiry.minus(Duration.ofDays(31))).getStatus());
        Result soon = judge(caSigned, expiry.minus(Duration.ofDays(29)));
        assertEquals(Result.Status.WARN, soon.getStatus());
        assertTrue(soon.toString().contains("within 30 days"), soon.toString());
        assertEquals(Result.Status.CRITICAL, judge(caSigned, expiry.plus(Duration.ofDays(1))).getStatus());
    }

    private static Result judge(X509Certificate cert, Instant now) {
        FormattingResultLog log = new FormattingResultLog();
        TlsCertificateCheck.judge(cert, now, "smtps", log);
        return new Result(log);
    }

    private static X509Certificate read(String file) throws Exception {
        try (InputStream in = Files.newInputStream(dir.resolve(file))) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(args));
        command.addAll(List.of("-storepass", "changeit", "-noprompt"));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("keytool did not finish: " + command);
        }
        String output = new String(p.getInputStream().readAllBytes());
        if (p.exitValue() != 0) throw new AssertionError(command + " failed:\n" + output);
    }
}
