package switchboard.firewall.internal.rules;

import java.net.Inet4Address;
import java.util.List;
import java.util.Optional;
import switchboard.api.network.Cidr;
import switchboard.api.network.NetworkMode;
import switchboard.api.vpn.Tunnel;

/** Policies for the rendering tests: LAN 198.18.1.254/24 on veth-lan, SMTP and the phone preset exposed, SSH of one device forwarded. */
final class Policies {
    static final Inet4Address WAN = Cidr.parseIpv4("198.19.0.2");
    static final Forward SSH = new Forward("ssh", PortRange.parse("8022/tcp"), Cidr.parseIpv4("198.18.1.10"), 22);

    private Policies() {}

    static FirewallPolicy of(NetworkMode mode) {
        return of(mode, "veth-lan");
    }

    static FirewallPolicy of(NetworkMode mode, String lanInterface) {
        List<Exposure> exposed = new java.util.ArrayList<>(PortCatalog.preset("phone"));
        exposed.add(new Exposure("smtp", PortRange.parse("25/tcp")));
        return new FirewallPolicy(mode, lanInterface, Cidr.parse("198.18.1.254/24"), Optional.of(WAN), false, exposed, List.of(SSH), new FloodLimit(20, 40));
    }

    /** As {@link #of(NetworkMode)}, with the VPN's tunnel wg0 on port 51820. */
    static FirewallPolicy withTunnel(NetworkMode mode) {
        FirewallPolicy p = of(mode);
        return new FirewallPolicy(p.mode(), p.lanInterface(), p.lan(), p.wanAddress(), p.wanDhcp(), p.exposures(), p.forwards(), p.flood(),
                java.util.Optional.of(new Tunnel("wg0", 51820, List.of(Cidr.parse("10.99.0.0/24")))));
    }
}
