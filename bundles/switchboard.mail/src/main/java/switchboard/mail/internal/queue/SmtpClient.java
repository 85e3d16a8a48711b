package switchboard.mail.internal.queue;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import switchboard.mail.internal.net.DotStuffing;

/**
 * The sending side of one SMTP connection to another domain's server, with bounded waits; {@link #close}
 * from another thread ends a blocked exchange at once (so a bundle update leaves no thread behind).
 */
final class SmtpClient implements Closeable {
    private static final int CONNECT_MILLIS = 30_000;
    private static final int REPLY_MILLIS = 120_000;
    private static final int MAX_REPLY_LINES = 100;
    private final Socket socket = new Socket();
    private BufferedReader in;
    private OutputStream out;
    private String heloHost;
    /** The EHLO keywords the server announced, upper case (e.g. STARTTLS, AUTH, 8BITMIME). */
    private Set<String> extensions = Set.of();
    private boolean encrypted;

    /** A reply other than the one expected; {@code code} tells temporary (4xx) from permanent (5xx). */
    static final class ReplyException extends IOException {
        private static final long serialVersionUID = 1L;
        final int code;

        ReplyException(int code, String reply) {
            super(reply);
            this.code = code;
        }
    }

    void connect(InetSocketAddress server, String heloHost) throws IOException {
        this.heloHost = heloHost;
        socket.connect(server, CONNECT_MILLIS);
        socket.setSoTimeout(REPLY_MILLIS);
        streams(socket);
        expect(2);
        greet();
    }

    private void streams(Socket s) throws IOException {
        in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
        out = s.getOutputStream();
    }

    private void greet() throws IOException {
        try {
            List<String> reply = command("EHLO " + heloHost, 2);
            extensions = reply.stream().skip(1).map(line -> line.substring(4).split(" ", 2)[0].toUpperCase(Locale.ROOT))
                    .collect(Collectors.toUnmodifiableSet());
        } catch (ReplyException e) {
            command("HELO " + heloHost, 2);
            extensions = Set.of();
        }
    }

    boolean offers(String extension) {
        return extensions.contains(extension);
    }

    boolean encrypted() {
        return encrypted;
    }

    /**
     * STARTTLS (RFC 3207), then EHLO again over TLS. {@code verifyHost}: the certificate must be valid for that
     * name by the factory's trust; null: any certificate (encryption without authentication).
     */
    void startTls(SSLSocketFactory factory, String verifyHost) throws IOException {
        command("STARTTLS", 2);
        InetSocketAddress peer = (InetSocketAddress) socket.getRemoteSocketAddress();
        SSLSocket tls = (SSLSocket) factory.createSocket(socket, verifyHost != null ? verifyHost : peer.getHostString(), peer.getPort(), true);
        if (verifyHost != null) {
            SSLParameters parameters = tls.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            tls.setSSLParameters(parameters);
        }
        tls.setUseClientMode(true);
        tls.startHandshake();
        streams(tls);
        encrypted = true;
        greet();
    }

    /** AUTH PLAIN (RFC 4616); the caller makes sure the connection is encrypted first. */
    void authenticate(String user, String password) throws IOException {
        String token = Base64.getEncoder().encodeToString(("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8));
        command("AUTH PLAIN " + token, 2);
    }

    /** Sends one command line; returns the reply's lines when it is of {@code expectedClass}. */
    List<String> command(String line, int expectedClass) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        return expect(expectedClass);
    }

    void data(byte[] message) throws IOException {
        command("DATA", 3);
        out.write(DotStuffing.encode(message, -1));
        out.flush();
        expect(2);
    }

    private List<String> expect(int expectedClass) throws IOException {
        List<String> lines = new ArrayList<>();
        while (lines.size() < MAX_REPLY_LINES) {
            String line = in.readLine();
            if (line == null) throw new IOException("connection closed by " + socket.getRemoteSocketAddress());
            if (line.length() < 3 || !line.substring(0, 3).matches("[2-5][0-9][0-9]")
                    || line.length() > 3 && line.charAt(3) != '-' && line.charAt(3) != ' ')
                throw new IOException("not an SMTP reply: " + line);
            lines.add(line.length() == 3 ? line + " " : line);
            if (line.length() == 3 || line.charAt(3) == ' ') {
                int code = Integer.parseInt(line.substring(0, 3));
                if (code / 100 != expectedClass) throw new ReplyException(code, String.join(" ", lines));
                return lines;
            }
        }
        throw new IOException("SMTP reply longer than " + MAX_REPLY_LINES + " lines");
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
