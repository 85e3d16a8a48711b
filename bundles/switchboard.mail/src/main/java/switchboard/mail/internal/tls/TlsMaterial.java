package switchboard.mail.internal.tls;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import switchboard.mail.internal.maildir.DurableFiles;

/**
 * The mail services' TLS certificate: a PKCS#12 key store the administrator puts in {@code etc/}, or
 * else a self-signed one made on first start under {@code data/mail/tls/} (by the JDK's keytool, as the
 * JDK has no public API to sign a certificate) and kept for later starts.
 */
public final class TlsMaterial {
    private static final Logger LOG = LoggerFactory.getLogger(TlsMaterial.class);
    private static final String SELF_SIGNED = "self-signed.p12";

    private TlsMaterial() {}

    /**
     * @param configured the administrator's key store, used when it exists
     * @param password its password
     * @param dataDir where the self-signed key store is kept
     */
    public static SSLContext load(Path configured, String password, Path dataDir, String hostName) throws IOException, GeneralSecurityException {
        if (Files.isRegularFile(configured)) return context(configured, password.toCharArray());
        Path store = dataDir.resolve(SELF_SIGNED);
        Path passwordFile = dataDir.resolve("self-signed.password");
        if (!Files.isRegularFile(store) || !Files.isRegularFile(passwordFile)) generate(dataDir, store, passwordFile, hostName);
        return context(store, Files.readString(passwordFile, StandardCharsets.UTF_8).strip().toCharArray());
    }

    /** Server side of TLS over an accepted connection (implicit TLS, or after STARTTLS); no reverse DNS lookup. */
    public static SSLSocket serverSide(SSLContext context, Socket connection) throws IOException {
        SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(connection,
                connection.getInetAddress().getHostAddress(), connection.getPort(), true);
        tls.setUseClientMode(false);
        return tls;
    }

    private static SSLContext context(Path store, char[] password) throws IOException, GeneralSecurityException {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, password);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, password);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        return context;
    }

    private static void generate(Path dataDir, Path store, Path passwordFile, String hostName) throws IOException {
        Files.createDirectories(dataDir);
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String password = HexFormat.of().formatHex(random);
        Path part = dataDir.resolve(SELF_SIGNED + ".part");
        Files.deleteIfExists(part);
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process p = new ProcessBuilder(List.of(keytool, "-genkeypair", "-alias", "mail", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=" + hostName, "-ext", "SAN=dns:" + hostName + ",dns:localhost,ip:127.0.0.1", "-validity", "3650",
                "-storetype", "PKCS12", "-keystore", part.toString(), "-storepass", password, "-keypass", password))
                .redirectErrorStream(true).start();
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("keytool did not finish within 60 s");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while generating the certificate", e);
        }
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.exitValue() != 0) throw new IOException("keytool failed: " + output.strip());
        DurableFiles.write(passwordFile, (password + "\n").getBytes(StandardCharsets.UTF_8), false);
        Files.move(part, store, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        DurableFiles.fsyncDirectory(dataDir);
        LOG.info("generated a self-signed certificate for {} in {}", hostName, store);
    }
}
