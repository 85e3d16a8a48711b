package switchboard.firewall.internal.rules;

import java.net.Inet4Address;

/** A WAN port sent on to a LAN device ("make a LAN device visible"). */
public record Forward(String name, PortRange wanPorts, Inet4Address lanHost, int lanPort) {

    public Forward {
        if (!Exposure.validName(name))
            throw new IllegalArgumentException("'" + name + "' is not a name (letters, digits, . _ -; at most 32)");
        if (wanPorts.from() != wanPorts.to())
            throw new IllegalArgumentException("forward " + wanPorts + " must be a single port");
        if (lanPort < 1 || lanPort > 65535) throw new IllegalArgumentException(lanPort + " is not a port");
        WanRefusal.check(wanPorts, "forwarding");
    }
}
