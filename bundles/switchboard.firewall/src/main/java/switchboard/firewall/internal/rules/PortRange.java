package switchboard.firewall.internal.rules;

/** A port or an inclusive range of ports of one protocol, written {@code 25}, {@code 5060/udp} or {@code 10000-20000/udp}. */
public record PortRange(Protocol protocol, int from, int to) {

    public PortRange {
        if (protocol == null) throw new IllegalArgumentException("protocol is missing");
        if (from < 1 || to > 65535 || from > to)
            throw new IllegalArgumentException(from + "-" + to + " is not a port range within 1-65535");
    }

    public static PortRange single(Protocol protocol, int port) {
        return new PortRange(protocol, port, port);
    }

    /** Parses {@code PORT[-PORT][/tcp|/udp]}; without a protocol it is TCP. */
    public static PortRange parse(String text) {
        String s = text == null ? "" : text.trim().toLowerCase();
        int slash = s.indexOf('/');
        Protocol protocol = slash < 0 ? Protocol.TCP : Protocol.fromKey(s.substring(slash + 1));
        String ports = slash < 0 ? s : s.substring(0, slash);
        int dash = ports.indexOf('-');
        int from = port(dash < 0 ? ports : ports.substring(0, dash), text);
        int to = dash < 0 ? from : port(ports.substring(dash + 1), text);
        return new PortRange(protocol, from, to);
    }

    private static int port(String digits, String whole) {
        if (digits.isEmpty() || digits.length() > 5 || !digits.chars().allMatch(c -> c >= '0' && c <= '9'))
            throw new IllegalArgumentException("'" + whole + "' is not a port, a range or PORT/PROTOCOL (e.g. 25, 5060/udp, 10000-20000/udp)");
        return Integer.parseInt(digits);
    }

    public boolean overlaps(PortRange other) {
        return protocol == other.protocol && from <= other.to && other.from <= to;
    }

    /** The ports as nftables writes them: {@code 25} or {@code 10000-20000}. */
    public String ports() {
        return from == to ? String.valueOf(from) : from + "-" + to;
    }

    @Override
    public String toString() {
        return ports() + "/" + protocol.key();
    }
}
