package switchboard.dhcp.internal;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An ARP probe without privileges: a datagram to the discard port of the address makes the kernel ask
 * on the LAN who has it, and an answer shows as a complete entry in {@code /proc/net/arp}. Unlike a
 * ping it finds hosts whose firewall drops ICMP: every IPv4 host answers ARP for its address.
 */
final class ArpProbe implements AddressProbe {
    private static final Path TABLE = Path.of("/proc/net/arp");
    private static final int DISCARD_PORT = 9;
    private static final long WAIT_MILLIS = 250;
    private static final long STEP_MILLIS = 25;
    private final String interfaceName;

    ArpProbe(String interfaceName) {
        this.interfaceName = interfaceName;
    }

    @Override
    public boolean inUse(Inet4Address address) {
        if (answered(address)) return true;
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.send(new DatagramPacket(new byte[0], 0, address, DISCARD_PORT));
        } catch (IOException e) {
            return false; // no route to it: nobody on the LAN can be using it
        }
        long deadline = System.nanoTime() + WAIT_MILLIS * 1_000_000;
        try {
            while (System.nanoTime() < deadline) {
                Thread.sleep(STEP_MILLIS);
                if (answered(address)) return true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    private boolean answered(Inet4Address address) {
        try {
            return ArpTable.answered(Files.readString(TABLE), address, interfaceName);
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public String describe() {
        return "ARP on " + interfaceName;
    }
}
