package switchboard.mail.internal.net;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.List;
import switchboard.api.network.Cidr;
import switchboard.api.network.NetworkSettings;

/**
 * Where a client connects from, for the relay rules: loopback, the office LAN and the networks behind the
 * VPN tunnel (admin devices, other sites) are trusted.
 */
public final class ClientNetwork {
    private ClientNetwork() {}

    public static boolean trusted(InetAddress client, NetworkSettings network, List<Cidr> vpnNetworks) {
        if (client.isLoopbackAddress()) return true;
        return client instanceof Inet4Address v4
                && (network.lanAddress().contains(v4) || vpnNetworks.stream().anyMatch(n -> n.contains(v4)));
    }
}
