package switchboard.dns.internal.zone;

import java.util.List;
import java.util.Optional;
import switchboard.api.network.Cidr;
import switchboard.api.network.NetworkMode;
import switchboard.api.network.NetworkSettings;
import switchboard.api.network.WanMode;

/** Network settings for tests: LAN 192.168.2.254/24, the given domain and WAN address. */
public final class Networks {
    private Networks() {}

    public static NetworkSettings office(String domain, String wan) {
        return new NetworkSettings(1, "", Cidr.parse("192.168.2.254/24"), domain, WanMode.STATIC,
                wan == null ? Optional.empty() : Optional.of(Cidr.parse(wan + "/24")), Optional.empty(), List.of(), NetworkMode.NAT_DMZ);
    }
}
