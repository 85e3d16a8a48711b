package switchboard.firewall.internal.rules;

import java.net.Inet4Address;
import java.util.List;
import java.util.Optional;
import switchboard.api.network.Cidr;
import switchboard.api.network.NetworkMode;

/**
 * Everything the ruleset is rendered from. {@code lanInterface} may be empty: the LAN side is then
 * recognised by its source addresses. {@code wanAddress} is empty while unknown (a DHCP client without lease).
 */
public record FirewallPolicy(NetworkMode mode, String lanInterface, Cidr lan, Optional<Inet4Address> wanAddress, boolean wanDhcp,
        List<Exposure> exposures, List<Forward> forwards, FloodLimit flood) {

    public FirewallPolicy {
        exposures = List.copyOf(exposures);
        forwards = List.copyOf(forwards);
    }

    public boolean nat() {
        return mode == NetworkMode.NAT || mode == NetworkMode.NAT_DMZ;
    }

    /** Whether the kernel forwards packets between LAN and WAN. */
    public boolean forwarding() {
        return mode != NetworkMode.LAN_ONLY;
    }
}
