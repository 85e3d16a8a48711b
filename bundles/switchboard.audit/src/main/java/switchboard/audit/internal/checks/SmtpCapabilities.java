package switchboard.audit.internal.checks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What an SMTP server offers before TLS: its EHLO keywords (e.g. {@code STARTTLS}, {@code AUTH PLAIN LOGIN}). */
final class SmtpCapabilities {
    private static final int MAX_LINES = 100;

    private SmtpCapabilities() {}

    static List<String> ehlo(InetSocketAddress server, int timeoutMillis) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(server, timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = socket.getOutputStream();
            reply(in, "220");
            out.write("EHLO audit.invalid\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            List<String> keywords = reply(in, "250");
            out.write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return keywords.subList(Math.min(1, keywords.size()), keywords.size());
        }
    }

    /** Reads one (multi-line) reply with the expected code; returns the text of its lines. */
    static List<String> reply(BufferedReader in, String code) throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < MAX_LINES; i++) {
            String line = in.readLine();
            if (line == null) throw new IOException("the server closed the connection");
            if (line.length() < 4 || !line.startsWith(code)) throw new IOException("expected " + code + ", got: " + line);
            lines.add(line.substring(4).trim().toUpperCase(Locale.ROOT));
            if (line.charAt(3) == ' ') return lines;
            if (line.charAt(3) != '-') throw new IOException("not an SMTP reply line: " + line);
        }
        throw new IOException("a reply of more than " + MAX_LINES + " lines");
    }
}
