package switchboard.mail.internal.fetch;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * A POP3 client session (RFC 1939, STLS of RFC 2595): USER/PASS, STAT, UIDL, RETR streamed to a sink,
 * DELE and QUIT. Every reply is checked; anything unexpected ends the session with an exception whose
 * message never contains the password.
 */
public final class Pop3Client implements Closeable {
    private Socket socket;
    private Pop3Lines lines;
    private OutputStream out;

    private Pop3Client(Socket socket) throws IOException {
        use(socket);
    }

    /**
     * Connects, reads the greeting and, for {@link TlsMode#STARTTLS}, upgrades with STLS. The server's
     * certificate is checked against {@code tls} and its name against {@code host}.
     */
    public static Pop3Client connect(String host, int port, TlsMode mode, SSLSocketFactory tls, Duration timeout) throws IOException {
        Socket plain = new Socket();
        try {
            plain.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
            plain.setSoTimeout((int) timeout.toMillis());
            Pop3Client client = new Pop3Client(mode == TlsMode.IMPLICIT ? handshake(tls, plain, host, port) : plain);
            client.expectOk("greeting");
            if (mode == TlsMode.STARTTLS) {
                client.command("STLS", "STLS (the server offers no TLS; the password was not sent)");
                client.use(handshake(tls, client.socket, host, port));
            }
            return client;
        } catch (IOException | RuntimeException e) {
            plain.close();
            throw e;
        }
    }

    private static SSLSocket handshake(SSLSocketFactory tls, Socket plain, String host, int port) throws IOException {
        SSLSocket socket = (SSLSocket) tls.createSocket(plain, host, port, true);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        socket.setSSLParameters(parameters);
        socket.setUseClientMode(true);
        socket.startHandshake();
        return socket;
    }

    private void use(Socket connection) throws IOException {
        socket = connection;
        lines = new Pop3Lines(new BufferedInputStream(connection.getInputStream(), 16 * 1024));
        out = connection.getOutputStream();
    }

    public void login(String user, String password) throws IOException {
        command("USER " + user, "USER");
        command("PASS " + password, "login");
    }

    public Pop3Reply.Drop stat() throws IOException {
        return command("STAT", "STAT").drop();
    }

    /** The unique ids of all messages. */
    public List<Pop3Reply.Listing> uidl() throws IOException {
        command("UIDL", "UIDL (the server must support unique ids)");
        List<Pop3Reply.Listing> all = new ArrayList<>();
        for (String line; (line = DotTerminatedBody.readListingLine(lines)) != null; ) all.add(Pop3Reply.listing(line));
        return all;
    }

    /** Streams message {@code number}, unstuffed, to {@code sink}; returns its size. */
    public long retrieve(int number, OutputStream sink) throws IOException {
        command("RETR " + number, "RETR " + number);
        return DotTerminatedBody.copy(lines.stream(), sink);
    }

    /** Marks a message deleted; the server removes it at {@link #quit()}. */
    public void delete(int number) throws IOException {
        command("DELE " + number, "DELE " + number);
    }

    /** Ends the session; the server commits the deletions when this returns. */
    public void quit() throws IOException {
        command("QUIT", "QUIT");
    }

    private Pop3Reply command(String line, String what) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        return expectOk(what);
    }

    private Pop3Reply expectOk(String what) throws IOException {
        Pop3Reply reply = Pop3Reply.parse(lines.read());
        if (!reply.ok()) throw new Pop3ProtocolException(what + " refused: " + Pop3Reply.printable(reply.text()));
        return reply;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
