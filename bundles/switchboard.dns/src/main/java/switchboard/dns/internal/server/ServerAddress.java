package switchboard.dns.internal.server;

import java.net.InetSocketAddress;
import switchboard.api.network.Cidr;

/** {@code a.b.c.d} or {@code a.b.c.d:port} of another DNS server; port 53 when none is given. */
final class ServerAddress {
    private ServerAddress() {}

    static InetSocketAddress parse(String text) {
        String s = text.trim();
        int colon = s.indexOf(':');
        if (colon < 0) return new InetSocketAddress(Cidr.parseIpv4(s), 53);
        String port = s.substring(colon + 1);
        if (!port.matches("[0-9]{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535)
            throw new IllegalArgumentException("'" + s + "' has no valid port");
        return new InetSocketAddress(Cidr.parseIpv4(s.substring(0, colon)), Integer.parseInt(port));
    }
}
