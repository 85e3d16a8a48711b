package switchboard.sip.internal;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A response to a request the parser refused: built from the raw text's Via, From, To, Call-ID and
 * CSeq lines (long or compact names), when all are present, so the client stops retransmitting.
 * Responses and requests missing those get no answer, as RFC 3261 §16.3 allows for garbage.
 */
final class BadRequest {
    private static final Map<String, String> NAMES = Map.of("via", "Via", "v", "Via", "from", "From", "f", "From",
            "to", "To", "t", "To", "call-id", "Call-ID", "i", "Call-ID", "cseq", "CSeq");
    private static final int MAX_LINE = 1024;

    private BadRequest() {}

    static Optional<byte[]> response(byte[] raw, int status, String reason) {
        String text = new String(raw, StandardCharsets.UTF_8);
        String[] lines = text.split("\r?\n", -1);
        if (lines.length < 2 || lines[0].startsWith("SIP/") || !lines[0].endsWith("SIP/2.0")) return Optional.empty();
        Map<String, StringBuilder> found = new LinkedHashMap<>();
        for (int i = 1; i < lines.length && !lines[i].isEmpty(); i++) {
            String line = lines[i];
            int colon = line.indexOf(':');
            if (colon <= 0 || line.length() > MAX_LINE || line.chars().anyMatch(c -> c < 0x20 && c != '\t')) continue;
            String name = NAMES.get(line.substring(0, colon).trim().toLowerCase(Locale.ROOT));
            if (name == null) continue;
            StringBuilder headerLines = found.computeIfAbsent(name, n -> new StringBuilder());
            if (!name.equals("Via") && !headerLines.isEmpty()) continue;
            headerLines.append(name).append(": ").append(line.substring(colon + 1).trim()).append("\r\n");
        }
        if (found.size() < 5) return Optional.empty();
        StringBuilder out = new StringBuilder("SIP/2.0 ").append(status).append(' ').append(reason).append("\r\n");
        found.values().forEach(out::append);
        out.append("Content-Length: 0\r\n\r\n");
        return Optional.of(out.toString().getBytes(StandardCharsets.UTF_8));
    }
}
