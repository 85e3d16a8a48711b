package switchboard.mail.internal.fetch;

import java.util.regex.Pattern;

/**
 * One status line from a POP3 server ({@code +OK text} or {@code -ERR text}, RFC 1939) and the few
 * status and listing lines whose content the client reads.
 */
public record Pop3Reply(boolean ok, String text) {
    /** RFC 1939: a unique-id is 1 to 70 characters from 0x21 to 0x7E. */
    private static final Pattern UID = Pattern.compile("[\\x21-\\x7e]{1,70}");
    private static final Pattern NUMBER = Pattern.compile("[0-9]{1,9}");

    /** A message number and its unique id, as one line of a UIDL listing gives them. */
    public record Listing(int number, String uid) {}

    /** The message count and octets of a STAT reply. */
    public record Drop(int messages, long octets) {}

    public static Pop3Reply parse(String line) throws Pop3ProtocolException {
        if (line.startsWith("+OK") && (line.length() == 3 || line.charAt(3) == ' ')) return new Pop3Reply(true, line.substring(3).strip());
        if (line.startsWith("-ERR") && (line.length() == 4 || line.charAt(4) == ' ')) return new Pop3Reply(false, line.substring(4).strip());
        throw new Pop3ProtocolException("not a POP3 reply: " + printable(line));
    }

    /** {@code +OK nn mm} of STAT. */
    public Drop drop() throws Pop3ProtocolException {
        String[] parts = text.split(" ");
        if (parts.length < 2 || !NUMBER.matcher(parts[0]).matches() || !parts[1].matches("[0-9]{1,18}"))
            throw new Pop3ProtocolException("STAT reply without a message count and size: " + printable(text));
        return new Drop(Integer.parseInt(parts[0]), Long.parseLong(parts[1]));
    }

    /** One line {@code n uid} of a UIDL listing. */
    public static Listing listing(String line) throws Pop3ProtocolException {
        String[] parts = line.split(" ", -1);
        if (parts.length != 2 || !NUMBER.matcher(parts[0]).matches() || Integer.parseInt(parts[0]) == 0 || !UID.matcher(parts[1]).matches())
            throw new Pop3ProtocolException("not a UIDL line (number, space, unique id): " + printable(line));
        return new Listing(Integer.parseInt(parts[0]), parts[1]);
    }

    /** A server's text made safe for a log line: control characters escaped, at most 120 characters. */
    static String printable(String text) {
        StringBuilder sb = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (sb.length() >= 120) return sb.append("...").toString();
            if (c < 0x20 || c == 0x7f) sb.append(String.format("\\x%02x", (int) c));
            else sb.append(c);
        }
        return sb.toString();
    }
}
