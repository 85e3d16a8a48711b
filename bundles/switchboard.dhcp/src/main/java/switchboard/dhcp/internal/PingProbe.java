package switchboard.dhcp.internal;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.NetworkInterface;

/**
 * An ICMP echo out of the served interface. The JDK sends real ICMP only with root (raw socket);
 * otherwise it tries a TCP connection to port 7, which finds hosts that answer with a reset but
 * misses firewalled ones: status says which one is in use.
 */
final class PingProbe implements AddressProbe {
    private static final int TIMEOUT_MILLIS = 300;
    private final String interfaceName;
    private final boolean privileged;

    PingProbe(String interfaceName, boolean privileged) {
        this.interfaceName = interfaceName;
        this.privileged = privileged;
    }

    @Override
    public boolean inUse(Inet4Address address) {
        try {
            NetworkInterface nif = NetworkInterface.getByName(interfaceName);
            return address.isReachable(nif, 0, TIMEOUT_MILLIS);
        } catch (IOException e) {
            return false; // no such interface or no route: nothing found in use
        }
    }

    @Override
    public String describe() {
        return privileged ? "ICMP echo on " + interfaceName
                : "limited: not root, so no ICMP; a TCP probe finds only hosts that answer on port 7 or reset";
    }
}
