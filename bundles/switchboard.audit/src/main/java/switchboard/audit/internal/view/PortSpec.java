package switchboard.audit.internal.view;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A port or port range with its protocol, as written in exposure files: {@code 25/tcp}, {@code 10000-20000/udp}. */
public record PortSpec(Protocol protocol, int from, int to) {
    public enum Protocol {
        TCP, UDP;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public PortSpec {
        if (from < 1 || to > 65535 || from > to) throw new IllegalArgumentException("port range " + from + "-" + to + " is not within 1..65535");
    }

    public boolean contains(Protocol p, int port) {
        return p == protocol && port >= from && port <= to;
    }

    /** Parses a comma or blank separated list such as {@code 25/tcp, 5060/udp}; a missing protocol means both. */
    public static List<PortSpec> parseList(String text) {
        List<PortSpec> specs = new ArrayList<>();
        for (String item : text.split("[,\\s]+")) {
            if (item.isEmpty()) continue;
            String[] portAndProtocol = item.split("/", 2);
            List<Protocol> protocols = portAndProtocol.length == 1 ? List.of(Protocol.values())
                    : List.of(protocol(portAndProtocol[1]));
            String[] range = portAndProtocol[0].split("-", 2);
            int from = number(range[0], item);
            int to = range.length == 2 ? number(range[1], item) : from;
            for (Protocol p : protocols) specs.add(new PortSpec(p, from, to));
        }
        return specs;
    }

    private static Protocol protocol(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "tcp" -> Protocol.TCP;
            case "udp" -> Protocol.UDP;
            default -> throw new IllegalArgumentException("'" + text + "' is not tcp or udp");
        };
    }

    private static int number(String text, String item) {
        if (text.isEmpty() || text.length() > 5 || !text.chars().allMatch(c -> c >= '0' && c <= '9'))
            throw new IllegalArgumentException("'" + item + "' is not a port, a range or port/protocol");
        return Integer.parseInt(text);
    }

    @Override
    public String toString() {
        return (from == to ? Integer.toString(from) : from + "-" + to) + "/" + protocol.key();
    }
}
