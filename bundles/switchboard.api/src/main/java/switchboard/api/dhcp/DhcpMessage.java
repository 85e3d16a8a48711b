package switchboard.api.dhcp;

import java.net.Inet4Address;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import switchboard.api.network.Cidr;

/**
 * One DHCP message (RFC 2131 section 2). {@code hardwareAddress} holds the {@code hlen} significant
 * bytes of {@code chaddr}; {@code flags} bit 15 is the BROADCAST flag.
 */
public record DhcpMessage(
        int op,
        int htype,
        int hops,
        int xid,
        int secs,
        int flags,
        Inet4Address ciaddr,
        Inet4Address yiaddr,
        Inet4Address siaddr,
        Inet4Address giaddr,
        byte[] hardwareAddress,
        DhcpOptions options) {

    public static final int BOOTREQUEST = 1;
    public static final int BOOTREPLY = 2;
    public static final int HTYPE_ETHERNET = 1;
    public static final int BROADCAST_FLAG = 0x8000;
    public static final Inet4Address ZERO = Cidr.fromInt(0);

    public DhcpMessage {
        if (op != BOOTREQUEST && op != BOOTREPLY) throw new IllegalArgumentException("op " + op + " is neither request nor reply");
        if (hardwareAddress.length > 16) throw new IllegalArgumentException("hardware address longer than 16 bytes");
        Objects.requireNonNull(ciaddr);
        Objects.requireNonNull(yiaddr);
        Objects.requireNonNull(siaddr);
        Objects.requireNonNull(giaddr);
        Objects.requireNonNull(options);
        hardwareAddress = hardwareAddress.clone();
    }

    @Override
    public byte[] hardwareAddress() {
        return hardwareAddress.clone();
    }

    public boolean broadcastFlag() {
        return (flags & BROADCAST_FLAG) != 0;
    }

    /** The hardware address as {@code aa:bb:cc:dd:ee:ff}. */
    public String hardwareAddressText() {
        return HexFormat.ofDelimiter(":").formatHex(hardwareAddress);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DhcpMessage m && op == m.op && htype == m.htype && hops == m.hops && xid == m.xid
                && secs == m.secs && flags == m.flags && ciaddr.equals(m.ciaddr) && yiaddr.equals(m.yiaddr)
                && siaddr.equals(m.siaddr) && giaddr.equals(m.giaddr)
                && Arrays.equals(hardwareAddress, m.hardwareAddress) && options.equals(m.options);
    }

    @Override
    public int hashCode() {
        return Objects.hash(op, xid, Arrays.hashCode(hardwareAddress), options);
    }

    @Override
    public String toString() {
        return "DhcpMessage[" + options.messageType().map(Enum::name).orElse(op == BOOTREQUEST ? "BOOTREQUEST" : "BOOTREPLY")
                + " xid=" + Integer.toHexString(xid) + " chaddr=" + hardwareAddressText()
                + " ciaddr=" + ciaddr.getHostAddress() + " yiaddr=" + yiaddr.getHostAddress() + " options=" + options + "]";
    }
}
