package switchboard.mail.internal.pop3;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Reads POP3 command lines: CRLF (or LF) terminated, at most {@link #MAX} octets (RFC 2449: 255). */
final class CommandLine {
    static final int MAX = 255;

    /** A line longer than {@link #MAX}. */
    static final class TooLongException extends IOException {
        private static final long serialVersionUID = 1L;

        TooLongException() {
            super("command line longer than " + MAX + " octets");
        }
    }

    private CommandLine() {}

    /** @return the line without its end, or null at the end of the stream */
    static String read(InputStream in) throws IOException {
        byte[] line = new byte[MAX + 2];
        int n = 0;
        for (int b; (b = in.read()) != -1; ) {
            if (b == '\n') {
                int length = n > 0 && line[n - 1] == '\r' ? n - 1 : n;
                return new String(line, 0, length, StandardCharsets.UTF_8);
            }
            if (n == line.length) throw new TooLongException();
            line[n++] = (byte) b;
        }
        return null;
    }
}
