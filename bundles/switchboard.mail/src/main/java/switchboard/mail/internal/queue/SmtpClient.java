package switchboard.mail.internal.queue;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
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
        socket.connect(server, CONNECT_MILLIS);
        socket.setSoTimeout(REPLY_MILLIS);
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
        out = socket.getOutputStream();
        expect(2);
        try {
            command("EHLO " + heloHost, 2);
        } catch (ReplyException e) {
            command("HELO " + heloHost, 2);
        }
    }

    void command(String line, int expectedClass) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        expect(expectedClass);
    }

    void data(byte[] message) throws IOException {
        command("DATA", 3);
        out.write(DotStuffing.encode(message, -1));
        out.flush();
        expect(2);
    }

    private void expect(int expectedClass) throws IOException {
        StringBuilder reply = new StringBuilder();
        for (int lines = 0; lines < MAX_REPLY_LINES; lines++) {
            String line = in.readLine();
            if (line == null) throw new IOException("connection closed by " + socket.getRemoteSocketAddress());
            if (line.length() < 3 || !line.substring(0, 3).matches("[2-5][0-9][0-9]")) throw new IOException("not an SMTP reply: " + line);
            reply.append(reply.length() == 0 ? "" : " ").append(line);
            if (line.length() == 3 || line.charAt(3) != '-') {
                int code = Integer.parseInt(line.substring(0, 3));
                if (code / 100 != expectedClass) throw new ReplyException(code, reply.toString());
                return;
            }
        }
        throw new IOException("SMTP reply longer than " + MAX_REPLY_LINES + " lines");
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
