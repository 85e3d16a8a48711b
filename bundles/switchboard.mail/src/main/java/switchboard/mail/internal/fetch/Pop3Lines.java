package switchboard.mail.internal.fetch;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Reads the server's status and listing lines: CRLF (or LF) ended, at most {@link #MAX} octets. */
final class Pop3Lines {
    /** RFC 2449 allows 512 octets for a reply line; some servers send longer texts, so be generous but bounded. */
    static final int MAX = 4096;
    private final InputStream in;

    Pop3Lines(InputStream in) {
        this.in = in;
    }

    InputStream stream() {
        return in;
    }

    /** @throws EOFException if the server closed the connection */
    String read() throws IOException {
        byte[] line = new byte[MAX + 1];
        int n = 0;
        for (int b; (b = in.read()) != -1; ) {
            if (b == '\n') return new String(line, 0, n > 0 && line[n - 1] == '\r' ? n - 1 : n, StandardCharsets.UTF_8);
            if (n == line.length) throw new Pop3ProtocolException("reply line longer than " + MAX + " octets");
            line[n++] = (byte) b;
        }
        throw new EOFException("the server closed the connection");
    }
}
