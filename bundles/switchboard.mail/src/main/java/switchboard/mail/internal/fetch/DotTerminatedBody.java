package switchboard.mail.internal.fetch;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The data of a POP3 multi-line reply (RFC 1939 section 3), streamed: a line {@code .} ends it, a
 * leading {@code .} of any other line is removed (dot-unstuffing), everything else passes byte for byte.
 */
final class DotTerminatedBody {
    private DotTerminatedBody() {}

    /**
     * Copies the data up to the terminating line to {@code out}.
     *
     * @return the octets written
     * @throws EOFException if the stream ends before the terminating line
     */
    static long copy(InputStream in, OutputStream out) throws IOException {
        long written = 0;
        boolean lineStart = true;
        while (true) {
            int b = in.read();
            if (b == -1) throw new EOFException("the connection ended in the middle of a message");
            if (lineStart && b == '.') {
                int next = in.read();
                if (next == '\r') {
                    int lf = in.read();
                    if (lf == '\n') return written;
                    if (lf == -1) throw new EOFException("the connection ended in the middle of a message");
                    // ".\r" followed by something else: not a terminator, keep what came (without the stuffed dot)
                    out.write('\r');
                    out.write(lf);
                    written += 2;
                    lineStart = lf == '\n';
                    continue;
                }
                if (next == '\n') return written;
                if (next == -1) throw new EOFException("the connection ended in the middle of a message");
                b = next;
            }
            out.write(b);
            written++;
            lineStart = b == '\n';
        }
    }

    /** Reads one line of a listing (without its end); null at the terminating line. */
    static String readListingLine(Pop3Lines lines) throws IOException {
        String line = lines.read();
        if (line.equals(".")) return null;
        return line.startsWith(".") ? line.substring(1) : line;
    }
}
