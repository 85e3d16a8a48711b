package switchboard.dhcp.internal;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import java.net.Inet4Address;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Adds entries to the kernel's ARP table with {@code SIOCSARP}, as dnsmasq does, so that a reply can be
 * unicast to a client that has no address yet and did not ask for broadcast (RFC 2131 section 4.1): the
 * kernel then sends it without an ARP answer the client could not give. Needs CAP_NET_ADMIN; without it
 * (or off 64-bit Linux) {@link #teach} says no from then on, and when the kernel cannot take an entry
 * (its neighbour table full) it says no for that reply: those replies are broadcast, which every
 * client takes as well.
 */
final class ArpEntries implements AutoCloseable {
    private static final int AF_INET = 2;
    private static final int SOCK_DGRAM = 2;
    private static final int SOCK_CLOEXEC = 0x80000;
    private static final int ARPHRD_ETHER = 1;
    private static final int ATF_COM = 0x02;
    private static final long SIOCSARP = 0x8955;
    private static final int EPERM = 1;
    private static final int EACCES = 13;
    private static final int SOCKADDR_LENGTH = 16;
    private static final int INTERFACE_NAME_LENGTH = 16;
    /** struct arpreq: arp_pa, arp_ha (sockaddr each), int arp_flags, arp_netmask (sockaddr), char arp_dev[16]. */
    static final int ARPREQ_LENGTH = 3 * SOCKADDR_LENGTH + 4 + INTERFACE_NAME_LENGTH;

    private interface LibC extends Library {
        int socket(int domain, int type, int protocol) throws LastErrorException;

        int ioctl(int fd, long request, byte[] argument) throws LastErrorException;

        int close(int fd) throws LastErrorException;
    }

    private LibC libc;
    private int fd = -1;
    private boolean unavailable;

    /** Whether the kernel now knows {@code address} at {@code mac} on {@code interfaceName}. */
    synchronized boolean teach(Inet4Address address, byte[] mac, String interfaceName) {
        if (unavailable || mac.length != 6 || interfaceName.getBytes(StandardCharsets.US_ASCII).length >= INTERFACE_NAME_LENGTH) return false;
        try {
            if (fd < 0) {
                libc = Native.load("c", LibC.class);
                fd = libc.socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
            }
            libc.ioctl(fd, SIOCSARP, request(address, mac, interfaceName));
            return true;
        } catch (LastErrorException e) {
            // not permitted here: broadcast from now on; anything else (a full neighbour table): this reply only
            if (e.getErrorCode() == EPERM || e.getErrorCode() == EACCES) unavailable = true;
            return false;
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            unavailable = true;
            return false;
        }
    }

    /** The {@code struct arpreq} for a complete entry {@code address} → {@code mac} on {@code interfaceName}. */
    static byte[] request(Inet4Address address, byte[] mac, String interfaceName) {
        ByteBuffer b = ByteBuffer.allocate(ARPREQ_LENGTH).order(ByteOrder.nativeOrder());
        b.putShort(0, (short) AF_INET);
        b.put(4, address.getAddress()); // sin_addr, after sin_family and sin_port
        b.putShort(SOCKADDR_LENGTH, (short) ARPHRD_ETHER);
        b.put(SOCKADDR_LENGTH + 2, mac);
        b.putInt(2 * SOCKADDR_LENGTH, ATF_COM);
        b.put(3 * SOCKADDR_LENGTH + 4, interfaceName.getBytes(StandardCharsets.US_ASCII));
        return b.array();
    }

    @Override
    public synchronized void close() {
        if (fd < 0) return;
        try {
            libc.close(fd);
        } catch (LastErrorException e) {
            // closing anyway
        }
        fd = -1;
    }
}
