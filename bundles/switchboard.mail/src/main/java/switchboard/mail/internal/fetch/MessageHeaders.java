package switchboard.mail.internal.fetch;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the fetcher reads from a downloaded message's header: its Message-ID and the addresses it was
 * sent to. Reads at most {@link #MAX_HEADER} octets, so a message without a blank line after its header
 * (or with no header at all) costs no more than that; whatever cannot be parsed is simply not found.
 */
public record MessageHeaders(Optional<String> messageId, Set<String> recipients) {
    static final int MAX_HEADER = 256 * 1024;
    /** The fields naming a recipient: the visible ones and those a provider's server adds for the envelope. */
    private static final List<String> RECIPIENT_FIELDS = List.of("to", "cc", "resent-to", "resent-cc", "delivered-to", "x-original-to",
            "envelope-to", "x-envelope-to");
    private static final Pattern ADDRESS = Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+@[A-Za-z0-9.-]+");
    private static final Pattern MESSAGE_ID = Pattern.compile("<[^<>\\s]{1,995}>");

    public static MessageHeaders read(Path message) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(message))) {
            return parse(in);
        }
    }

    static MessageHeaders parse(InputStream in) throws IOException {
        Optional<String> messageId = Optional.empty();
        Set<String> recipients = new LinkedHashSet<>();
        for (String field : unfoldedFields(in)) {
            int colon = field.indexOf(':');
            if (colon <= 0) continue;
            String name = field.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = field.substring(colon + 1).strip();
            if (name.equals("message-id") && messageId.isEmpty()) {
                Matcher m = MESSAGE_ID.matcher(value);
                if (m.find()) messageId = Optional.of(m.group());
            } else if (RECIPIENT_FIELDS.contains(name)) recipients.addAll(addresses(value));
        }
        return new MessageHeaders(messageId, recipients);
    }

    /** The header fields, continuation lines joined, up to the blank line (or {@link #MAX_HEADER} octets). */
    private static List<String> unfoldedFields(InputStream in) throws IOException {
        List<String> lines = new ArrayList<>();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int read = 0, b; read < MAX_HEADER && (b = in.read()) != -1; read++) {
            if (b != '\n') {
                line.write(b);
                continue;
            }
            String text = line.toString(StandardCharsets.UTF_8);
            line.reset();
            if (text.endsWith("\r")) text = text.substring(0, text.length() - 1);
            if (text.isEmpty()) return unfold(lines);
            lines.add(text);
        }
        if (line.size() > 0) lines.add(line.toString(StandardCharsets.UTF_8));
        return unfold(lines);
    }

    private static List<String> unfold(List<String> lines) {
        List<String> fields = new ArrayList<>();
        for (String text : lines) {
            boolean continuation = (text.startsWith(" ") || text.startsWith("\t")) && !fields.isEmpty();
            if (continuation) fields.set(fields.size() - 1, fields.get(fields.size() - 1) + " " + text.strip());
            else fields.add(text);
        }
        return fields;
    }

    /** Lower-case addresses in a field: parsed as RFC 5322 address lists, else whatever looks like one. */
    static Set<String> addresses(String value) {
        Set<String> out = new LinkedHashSet<>();
        try {
            for (InternetAddress a : InternetAddress.parseHeader(value, false)) {
                if (a.isGroup()) for (InternetAddress member : a.getGroup(false)) out.add(checked(member.getAddress()));
                else out.add(checked(a.getAddress()));
            }
            return out;
        } catch (AddressException e) {
            out.clear();
            Matcher m = ADDRESS.matcher(value);
            while (m.find()) out.add(m.group().toLowerCase(Locale.ROOT));
            return out;
        }
    }

    private static String checked(String address) throws AddressException {
        if (address == null || !ADDRESS.matcher(address).matches()) throw new AddressException("not an address: " + address);
        return address.toLowerCase(Locale.ROOT);
    }
}
