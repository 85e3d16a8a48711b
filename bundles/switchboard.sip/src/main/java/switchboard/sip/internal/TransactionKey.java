package switchboard.sip.internal;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The transaction of a request (RFC 3261 §17.2.3: top Via branch, Call-ID, CSeq number and method), read
 * straight from the datagram's header lines, so that a retransmission is recognised before it is parsed:
 * under load, retransmissions are a large part of the traffic. A copy of a datagram always gives the same
 * key; requests without those headers, and responses, give none (and are parsed as usual).
 */
final class TransactionKey {
    private static final int MAX_HEADERS = 8 * 1024;

    private TransactionKey() {}

    /** The key, or null for responses and requests lacking a Via branch, a Call-ID or a CSeq. */
    static String of(byte[] datagram) {
        int end = Math.min(datagram.length, MAX_HEADERS);
        String head = new String(datagram, 0, end, StandardCharsets.ISO_8859_1);
        if (head.startsWith("SIP/")) return null;
        String branch = null;
        String callId = null;
        String cseq = null;
        int lineStart = head.indexOf('\n') + 1;
        while (lineStart > 0 && lineStart < head.length()) {
            int lineEnd = head.indexOf('\n', lineStart);
            if (lineEnd < 0) lineEnd = head.length();
            String line = head.substring(lineStart, lineEnd).strip();
            if (line.isEmpty()) break;
            int colon = line.indexOf(':');
            if (colon > 0) {
                String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
                String value = line.substring(colon + 1).strip();
                switch (name) {
                    case "via", "v" -> branch = branch != null ? branch : branch(value);
                    case "call-id", "i" -> callId = callId != null ? callId : value;
                    case "cseq" -> cseq = cseq != null ? cseq : value.replaceAll("\\s+", " ");
                    default -> { }
                }
            }
            lineStart = lineEnd + 1;
        }
        if (branch == null || callId == null || cseq == null) return null;
        return branch + '\n' + callId + '\n' + cseq;
    }

    /** The branch parameter of the first Via value, or "" when it has none (then Call-ID and CSeq decide). */
    static String branch(String via) {
        int comma = via.indexOf(',');
        String first = comma < 0 ? via : via.substring(0, comma);
        int at = CaseInsensitive.indexOf(first, ";branch=");
        if (at < 0) return "";
        int from = at + ";branch=".length();
        int to = from;
        while (to < first.length() && first.charAt(to) != ';' && !Character.isWhitespace(first.charAt(to))) to++;
        return first.substring(from, to);
    }

}
