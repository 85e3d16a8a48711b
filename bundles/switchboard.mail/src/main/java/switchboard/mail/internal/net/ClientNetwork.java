package switchboard.mail.internal.net;

import java.net.Inet4Address;
import java.net.InetAddress;
import switchboard.api.network.NetworkSettings;

/** Where a client connects from, for the relay rules: loopback and the office LAN are trusted. */
public final class ClientNetwork {
    private ClientNetwork() {}

    public static boolean trusted(InetAddress client, NetworkSettings network) {
        if (client.isLoopbackAddress()) return true;
        return client instanceof Inet4Address v4 && network.lanAddress().contains(v4);
    }
}
