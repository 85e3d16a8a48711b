package switchboard.api.network;

import java.net.Inet4Address;
import java.util.List;
import java.util.Optional;

/**
 * One consistent view of the office network. WAN values are empty while unknown (no static address
 * configured and no DHCP lease yet). {@code revision} grows with every change.
 */
public record NetworkSettings(
        long revision,
        String lanInterface,
        Cidr lanAddress,
        String domain,
        WanMode wanMode,
        Optional<Cidr> wanAddress,
        Optional<Inet4Address> wanGateway,
        List<Inet4Address> wanDns,
        NetworkMode mode) {

    public NetworkSettings {
        wanDns = List.copyOf(wanDns);
    }
}
