package switchboard.api.vpn;

import java.util.List;
import switchboard.api.network.Cidr;

/**
 * The WireGuard tunnel in force: its interface, whose traffic comes from trusted peers (remote sites and
 * admin devices, as if on the LAN), the UDP port it listens on at the WAN, and the networks reached through
 * it (the tunnel network and the sites' LANs), whose hosts count as internal.
 */
public record Tunnel(String interfaceName, int listenPort, List<Cidr> networks) {

    public Tunnel {
        if (interfaceName == null || interfaceName.isBlank()) throw new IllegalArgumentException("a tunnel needs an interface name");
        if (listenPort < 1 || listenPort > 65535) throw new IllegalArgumentException("port " + listenPort + " is out of range 1..65535");
        networks = List.copyOf(networks);
    }
}
