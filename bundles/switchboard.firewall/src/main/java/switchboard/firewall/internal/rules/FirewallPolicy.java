package switchboard.firewall.internal.rules;

import java.net.Inet4Address;
import java.util.List;
import java.util.Optional;
import switchboard.api.network.Cidr;
import switchboard.api.network.NetworkMode;
import switchboard.api.vpn.Tunnel;

/**
 * Everything the ruleset is rendered from. {@code lanInterface} may be empty: the LAN side is then
 * recognised by its source addresses. {@code wanAddress} is empty while unknown (a DHCP client without lease);
 * {@code tunnel} is the VPN's, while it is enabled.
 */
public record FirewallPolicy(NetworkMode mode, String lanInterface, Cidr lan, Optional<Inet4Address> wanAddress, boolean wanDhcp,
        List<Exposure> exposures, List<Forward> forwards, FloodLimit flood, Optional<Tunnel> tunnel) {

    public FirewallPolicy {
        exposures = List.copyOf(exposures);
        forwards = List.copyOf(forwards);
    }

    /** A policy without VPN tunnel. */
    public FirewallPolicy(NetworkMode mode, String lanInterface, Cidr lan, Optional<Inet4Address> wanAddress, boolean wanDhcp,
            List<Exposure> exposures, List<Forward> forwards, FloodLimit flood) {
        this(mode, lanInterface, lan, wanAddress, wanDhcp, exposures, forwards, flood, Optional.empty());
    }

    public boolean nat() {
        return mode == NetworkMode.NAT || mode == NetworkMode.NAT_DMZ;
    }

    /** Whether the kernel forwards packets between LAN and WAN. */
    public boolean forwarding() {
        return mode != NetworkMode.LAN_ONLY;
    }
}
