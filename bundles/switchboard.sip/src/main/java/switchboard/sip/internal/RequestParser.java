package switchboard.sip.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A strict parser for the registrar's hot path: REGISTER and OPTIONS requests in plain ASCII, with the
 * headers the registrar reads (long or compact names, folded lines per RFC 3261 §7.3.1). Of those it
 * takes only what it fully understands and returns null for anything else (other methods, responses,
 * unusual or malformed syntax, a body, non-ASCII), which jain-sip's parser then decides on: answering
 * it, or refusing it with 400. Headers the registrar does not read are skipped with only their names
 * checked, so unlike jain-sip it does not refuse a malformed one of those. It costs a fraction of the
 * full parser.
 */
final class RequestParser {
    private static final String URI_CHARS = "-_.!~*'()%;:@&=+$,/?#[]";
    private static final Map<String, String> SINGLE = Map.of("from", "from", "f", "from", "to", "to", "t", "to",
            "call-id", "call-id", "i", "call-id", "cseq", "cseq", "expires", "expires", "content-length", "content-length",
            "l", "content-length");
    /** Lower-case names of the headers the registrar reads, long and compact. */
    private static final List<String> READ = List.of("via", "v", "from", "f", "to", "t", "call-id", "i", "cseq", "expires",
            "content-length", "l", "contact", "m", "authorization", "path", "user-agent");

    private RequestParser() {}

    /** The request, or null when this parser does not take it. */
    static SipRequest parse(byte[] data) {
        for (byte b : data) if (b < 0) return null; // not ASCII
        String text = new String(data, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) return null;
        int requestLineEnd = text.indexOf("\r\n");
        if (requestLineEnd == 0 || !clean(text, 0, requestLineEnd)) return null;
        String method = requestMethod(text, requestLineEnd);
        if (method == null) return null;
        Headers h = new Headers();
        // header lines are read in place; only folded ones (RFC 3261 §7.3.1, rare) are joined into a string
        for (int pos = requestLineEnd + 2; pos < end; ) {
            int lineEnd = text.indexOf("\r\n", pos);
            if (!clean(text, pos, lineEnd) || isBlank(text.charAt(pos))) return null;
            String line = text;
            int from = pos;
            int to = lineEnd;
            pos = lineEnd + 2;
            if (pos < end && isBlank(text.charAt(pos))) {
                line = text.substring(from, to);
                while (pos < end && isBlank(text.charAt(pos))) {
                    int continuationEnd = text.indexOf("\r\n", pos);
                    if (!clean(text, pos, continuationEnd)) return null;
                    line = line.stripTrailing() + ' ' + text.substring(pos, continuationEnd).strip();
                    pos = continuationEnd + 2;
                }
                from = 0;
                to = line.length();
            }
            int colon = line.indexOf(':', from);
            if (colon <= from || colon >= to) return null;
            String name = headerName(line, from, colon);
            if (name == null) return null;
            if (name.isEmpty()) continue; // a header the registrar does not read
            if (!h.add(name, stripped(line, colon + 1, to))) return null;
        }
        return h.request(method, text.length() - end - 4);
    }

    /** The method of a request line "METHOD sip-uri SIP/2.0" naming REGISTER or OPTIONS, else null. */
    private static String requestMethod(String text, int lineEnd) {
        int space = text.indexOf(' ');
        int secondSpace = space < 0 ? -1 : text.indexOf(' ', space + 1);
        if (space < 0 || secondSpace < 0 || secondSpace >= lineEnd) return null;
        int third = text.indexOf(' ', secondSpace + 1);
        if (third >= 0 && third < lineEnd) return null;
        if (lineEnd - secondSpace - 1 != 7 || !text.startsWith("SIP/2.0", secondSpace + 1)) return null;
        if (!isSipUri(text.substring(space + 1, secondSpace))) return null;
        if (space == 8 && text.startsWith("REGISTER")) return "REGISTER";
        if (space == 7 && text.startsWith("OPTIONS")) return "OPTIONS";
        return null;
    }

    /**
     * The name of the header on {@code line} (from {@code start} to {@code colon}): the registrar's spelling,
     * in lower case, of a header it reads; "" for any other valid name; null for an invalid one. Compared in
     * place, since every line of every request passes here.
     */
    private static String headerName(String line, int start, int colon) {
        int end = colon;
        while (start < end && isBlank(line.charAt(start))) start++;
        while (end > start && isBlank(line.charAt(end - 1))) end--;
        for (String known : READ) {
            if (known.length() == end - start && line.regionMatches(true, start, known, 0, end - start)) return known;
        }
        if (start == end) return null;
        for (int i = start; i < end; i++) if (!isTokenChar(line.charAt(i))) return null;
        return "";
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    /** No control characters (tabs aside) between the indexes: also no bare CR or LF. */
    private static boolean clean(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f) return false;
        }
        return true;
    }

    /** The headers read so far; {@link #add} refuses repeated single headers and values it does not take. */
    private static final class Headers {
        final List<String> vias = new ArrayList<>();
        final List<SipRequest.Contact> contacts = new ArrayList<>();
        final List<String> paths = new ArrayList<>();
        final List<String> userAgents = new ArrayList<>();
        /** From, To, Call-ID, CSeq, Expires and Content-Length, by their long lower-case names. */
        final Map<String, String> single = new HashMap<>();
        Map<String, String> authorization;

        boolean add(String name, String value) {
            String singleName = SINGLE.get(name);
            if (singleName != null) return !value.isEmpty() && single.putIfAbsent(singleName, value) == null;
            switch (name) {
                case "via", "v" -> {
                    if (value.indexOf(',') >= 0 || !value.startsWith("SIP/2.0/") || value.indexOf(' ') < 0) return false;
                    vias.add(value);
                    return true;
                }
                case "contact", "m" -> {
                    return contacts(value);
                }
                case "authorization" -> {
                    if (authorization != null) return false;
                    authorization = digest(value);
                    return authorization != null;
                }
                case "path" -> {
                    return paths.add(value);
                }
                case "user-agent" -> {
                    return userAgents.add(value);
                }
                default -> throw new IllegalArgumentException("not a header the registrar reads: " + name);
            }
        }

        SipRequest request(String method, int bodyLength) {
            String from = single.get("from");
            String to = single.get("to");
            String callId = single.get("call-id");
            String cseq = single.get("cseq");
            String expires = single.get("expires");
            String contentLength = single.get("content-length");
            if (vias.isEmpty() || from == null || to == null || callId == null || cseq == null) return null;
            if (contentLength == null ? bodyLength != 0 : !contentLength.equals("0") || bodyLength != 0) return null;
            if (callId.indexOf(' ') >= 0 || callId.indexOf('\t') >= 0) return null;
            String[] cs = cseq.split(" ", -1);
            if (cs.length != 2 || !cs[1].equals(method) || !digits(cs[0], 10)) return null;
            long number = Long.parseLong(cs[0]);
            if (number > Integer.MAX_VALUE) return null;
            Integer expiresValue = null;
            if (expires != null) {
                if (!digits(expires, 10) || Long.parseLong(expires) > Integer.MAX_VALUE) return null;
                expiresValue = Integer.valueOf(expires);
            }
            NameAddr fromAddr = NameAddr.parse(from);
            NameAddr toAddr = NameAddr.parse(to);
            if (fromAddr == null || toAddr == null) return null;
            String user = null;
            int at = toAddr.uri.indexOf('@');
            int scheme = toAddr.uri.indexOf(':') + 1;
            if (at > 0) {
                user = toAddr.uri.substring(scheme, at);
                if (user.isEmpty() || user.indexOf(':') >= 0 || user.indexOf('%') >= 0 || user.indexOf(';') >= 0) return null;
            }
            String host = hostOf(toAddr.uri.substring(at > 0 ? at + 1 : scheme));
            return new SipRequest(method, List.copyOf(vias), from, to, toAddr.params.get("tag"), user, host, callId, number, cs[1],
                    List.copyOf(contacts), expiresValue, authorization, joined(paths), joined(userAgents));
        }

        private static String joined(List<String> values) {
            return values.size() == 1 ? values.get(0) : String.join(", ", values);
        }

        private boolean contacts(String value) {
            if (value.equals("*")) {
                contacts.add(SipRequest.Contact.WILDCARD);
                return true;
            }
            for (String one : splitOutsideQuotes(value)) {
                NameAddr a = NameAddr.parse(one.strip());
                if (a == null) return false;
                String hostPort = a.uri.substring(a.uri.indexOf('@') + 1);
                int port = -1;
                String host = hostOf(hostPort);
                int colon = hostPort.indexOf(':', hostPort.startsWith("[") ? hostPort.indexOf(']') : 0);
                if (colon >= 0) {
                    int portEnd = colon + 1;
                    while (portEnd < hostPort.length() && Character.isDigit(hostPort.charAt(portEnd))) portEnd++;
                    if (!digits(hostPort.substring(colon + 1, portEnd), 5)) return false;
                    port = Integer.parseInt(hostPort.substring(colon + 1, portEnd));
                }
                contacts.add(new SipRequest.Contact(false, a.uri, host, port, a.params.get("expires")));
            }
            return true;
        }
    }

    /** {@code [display-name] <uri>;params} or {@code uri;params}, with a SIP URI and plain parameters. */
    private record NameAddr(String uri, Map<String, String> params) {
        static NameAddr parse(String value) {
            String uri;
            String rest;
            int open = value.indexOf('<');
            if (open >= 0) {
                String display = value.substring(0, open).strip();
                if (!display.isEmpty() && !isDisplayName(display)) return null;
                int close = value.indexOf('>', open);
                if (close < 0) return null;
                uri = value.substring(open + 1, close);
                rest = value.substring(close + 1).strip();
            } else {
                // addr-spec form: parameters after the URI are the header's (RFC 3261 §20)
                int semicolon = value.indexOf(';');
                uri = semicolon < 0 ? value : value.substring(0, semicolon);
                rest = semicolon < 0 ? "" : value.substring(semicolon);
                if (uri.indexOf('?') >= 0 || uri.indexOf(',') >= 0) return null;
            }
            if (!isSipUri(uri)) return null;
            Map<String, String> params = RequestParser.params(rest);
            return params == null ? null : new NameAddr(uri, params);
        }
    }

    /** {@code ;name=value;flag} with tokens or quoted strings (no escapes) as values; null otherwise. */
    private static Map<String, String> params(String text) {
        Map<String, String> params = new HashMap<>();
        int i = 0;
        while (i < text.length()) {
            if (text.charAt(i) != ';') return null;
            int end = i + 1;
            boolean quoted = false;
            while (end < text.length() && (quoted || text.charAt(end) != ';')) {
                if (text.charAt(end) == '"') quoted = !quoted;
                if (text.charAt(end) == '\\') return null;
                end++;
            }
            if (quoted) return null;
            String[] nv = text.substring(i + 1, end).split("=", 2);
            String name = nv[0].strip().toLowerCase(Locale.ROOT);
            if (name.isEmpty() || !isToken(name)) return null;
            String value = nv.length < 2 ? "" : unquote(nv[1], 0, nv[1].length());
            if (value == null || params.put(name, value) != null) return null;
            i = end;
        }
        return params;
    }

    /** {@code Digest name=value, name="value", ...}: the parameters by lower-case name, or null. Read in place. */
    private static Map<String, String> digest(String value) {
        if (value.length() < 7 || !value.regionMatches(true, 0, "Digest ", 0, 7)) return null;
        Map<String, String> params = new HashMap<>();
        for (int start = 7; ; ) {
            int end = separator(value, start);
            int equals = value.indexOf('=', start);
            if (equals < 0 || equals >= end) return null;
            String name = stripped(value, start, equals).toLowerCase(Locale.ROOT);
            String v = unquote(value, equals + 1, end);
            if (!isToken(name) || v == null || params.put(name, v) != null) return null;
            if (end == value.length()) return params;
            start = end + 1;
        }
    }

    /** The index of the next comma from {@code start} outside double quotes and angle brackets, or the length. */
    private static int separator(String text, int start) {
        boolean quoted = false;
        boolean bracketed = false;
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') quoted = !quoted;
            else if (!quoted && c == '<') bracketed = true;
            else if (!quoted && c == '>') bracketed = false;
            else if (!quoted && !bracketed && c == ',') return i;
        }
        return text.length();
    }

    private static String stripped(String text, int from, int to) {
        while (from < to && isBlank(text.charAt(from))) from++;
        while (to > from && isBlank(text.charAt(to - 1))) to--;
        return text.substring(from, to);
    }

    /** The quoted string or token between the indexes (blanks around it ignored), unquoted; null for anything else. */
    private static String unquote(String text, int from, int to) {
        while (from < to && isBlank(text.charAt(from))) from++;
        while (to > from && isBlank(text.charAt(to - 1))) to--;
        if (from < to && text.charAt(from) == '"') {
            if (to - from < 2 || text.charAt(to - 1) != '"') return null;
            for (int i = from + 1; i < to - 1; i++) if (text.charAt(i) == '"' || text.charAt(i) == '\\') return null;
            return text.substring(from + 1, to - 1);
        }
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (!isTokenChar(c) && (c <= ' ' || "\",;<>".indexOf(c) >= 0)) return null;
        }
        return text.substring(from, to);
    }

    /** Splits at commas outside double quotes and angle brackets. */
    private static List<String> splitOutsideQuotes(String text) {
        List<String> parts = new ArrayList<>();
        for (int start = 0; ; ) {
            int end = separator(text, start);
            parts.add(text.substring(start, end));
            if (end == text.length()) return parts;
            start = end + 1;
        }
    }

    private static boolean isDisplayName(String display) {
        if (display.startsWith("\"")) return unquote(display, 0, display.length()) != null;
        for (String word : display.split("[ \t]+")) if (!isToken(word)) return false;
        return true;
    }

    private static boolean isToken(String s) {
        if (s.isEmpty()) return false;
        for (int i = 0; i < s.length(); i++) if (!isTokenChar(s.charAt(i))) return false;
        return true;
    }

    private static boolean isTokenChar(char c) {
        return Character.isLetterOrDigit(c) || "-.!%*_+`'~".indexOf(c) >= 0;
    }

    private static boolean isSipUri(String uri) {
        if (!(uri.regionMatches(true, 0, "sip:", 0, 4) || uri.regionMatches(true, 0, "sips:", 0, 5)) || uri.length() <= 5) return false;
        for (int i = 0; i < uri.length(); i++) {
            char c = uri.charAt(i);
            if (c > 0x7e || (!Character.isLetterOrDigit(c) && URI_CHARS.indexOf(c) < 0)) return false;
        }
        return true;
    }

    /** The host of "host[:port][;params]", without brackets for IPv6. */
    static String hostOf(String hostPort) {
        if (hostPort.startsWith("[")) {
            int close = hostPort.indexOf(']');
            return close < 0 ? hostPort : hostPort.substring(1, close);
        }
        int end = 0;
        while (end < hostPort.length() && ":;?".indexOf(hostPort.charAt(end)) < 0) end++;
        return hostPort.substring(0, end);
    }

    private static boolean digits(String s, int maxLength) {
        if (s.isEmpty() || s.length() > maxLength) return false;
        for (int i = 0; i < s.length(); i++) if (s.charAt(i) < '0' || s.charAt(i) > '9') return false;
        return true;
    }
}
