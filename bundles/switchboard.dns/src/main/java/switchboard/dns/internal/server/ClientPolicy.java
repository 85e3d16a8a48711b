package switchboard.dns.internal.server;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.List;
import switchboard.api.network.Cidr;

/** Who is inside: the LAN, the configured internal (loopback, VPN) networks and loopback. Only they may recurse. */
record ClientPolicy(Cidr lan, List<Cidr> internalNetworks) {
    boolean isInternal(InetAddress source) {
        if (source.isLoopbackAddress() && !(source instanceof Inet4Address)) return true;
        if (!(source instanceof Inet4Address v4)) return false;
        return lan.contains(v4) || internalNetworks.stream().anyMatch(n -> n.contains(v4));
    }
}
