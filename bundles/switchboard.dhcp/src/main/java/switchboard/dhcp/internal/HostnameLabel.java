package switchboard.dhcp.internal;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import switchboard.api.dhcp.DhcpOptions;
import switchboard.api.dhcp.OptionCode;

/** The one-label host name a client asks for, from option 81 (client FQDN) or else option 12. */
final class HostnameLabel {
    private static final int FQDN_CANONICAL = 0x04;

    private HostnameLabel() {}

    static boolean valid(String label) {
        return !label.isEmpty() && label.length() <= 63 && !label.startsWith("-") && !label.endsWith("-")
                && label.chars().allMatch(c -> c < 128 && (Character.isLetterOrDigit(c) || c == '-'));
    }

    /** The first label, lower case, when it is a valid DNS label; empty otherwise. */
    static Optional<String> of(DhcpOptions options) {
        Optional<String> name = options.bytes(OptionCode.CLIENT_FQDN).map(HostnameLabel::fqdnName)
                .filter(n -> !n.isEmpty())
                .or(() -> options.string(OptionCode.HOST_NAME));
        return name.map(n -> n.split("\\.", 2)[0].toLowerCase(Locale.ROOT)).filter(HostnameLabel::valid);
    }

    /** RFC 4702: flags, two obsolete RCODE bytes, then the name in wire format (E flag) or ASCII. */
    private static String fqdnName(byte[] value) {
        if ((value[0] & FQDN_CANONICAL) == 0) return new String(value, 3, value.length - 3, StandardCharsets.US_ASCII);
        int length = value.length > 3 ? value[3] & 0xff : 0;
        return length > 0 && 4 + length <= value.length ? new String(value, 4, length, StandardCharsets.US_ASCII) : "";
    }
}
