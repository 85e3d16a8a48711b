package switchboard.mail.internal.net;

import java.io.ByteArrayOutputStream;

/**
 * A message as SMTP DATA or a POP3 multi-line response sends it: CRLF line ends, lines starting with '.'
 * stuffed with another '.', the terminating {@code .CRLF}; optionally only the headers and the first
 * {@code bodyLines} (POP3 TOP).
 */
public final class DotStuffing {
    private DotStuffing() {}

    /** @param bodyLines lines of the body after the headers, or -1 for all of it (RETR) */
    public static byte[] encode(byte[] message, int bodyLines) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(message.length + 64);
        boolean inBody = false;
        int bodyLinesSent = 0;
        int start = 0;
        while (start < message.length) {
            int end = start;
            while (end < message.length && message[end] != '\n') end++;
            int lineEnd = end > start && message[end - 1] == '\r' ? end - 1 : end;
            if (inBody && bodyLines >= 0 && bodyLinesSent++ >= bodyLines) break;
            if (lineEnd > start && message[start] == '.') out.write('.');
            out.write(message, start, lineEnd - start);
            out.write('\r');
            out.write('\n');
            if (!inBody && lineEnd == start) inBody = true;
            start = end + 1;
        }
        out.write('.');
        out.write('\r');
        out.write('\n');
        return out.toByteArray();
    }
}
