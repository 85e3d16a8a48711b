package switchboard.vpn.internal;

import java.util.List;
import java.util.stream.Collectors;
import switchboard.api.network.Cidr;

/** The wg-quick configuration file of an admin device: its key and address, this box as its one peer. */
record ClientConfig(String privateKey, Cidr address, String serverPublicKey, String endpoint, List<Cidr> routed) {
    /** Devices are mostly behind NAT: they keep the mapping open themselves. */
    static final int KEEPALIVE = 25;

    String render() {
        return "[Interface]\n"
                + "PrivateKey = " + privateKey + "\n"
                + "Address = " + address + "\n\n"
                + "[Peer]\n"
                + "PublicKey = " + serverPublicKey + "\n"
                + "Endpoint = " + endpoint + "\n"
                + "AllowedIPs = " + routed.stream().map(Cidr::toString).collect(Collectors.joining(", ")) + "\n"
                + "PersistentKeepalive = " + KEEPALIVE + "\n";
    }
}
