package switchboard.api.network;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** An IPv4 address with its prefix length, as in {@code 192.168.2.254/24}. */
public record Cidr(Inet4Address address, int prefixLength) {

    public Cidr {
        if (address == null) throw new IllegalArgumentException("address is missing");
        if (prefixLength < 0 || prefixLength > 32)
            throw new IllegalArgumentException("prefix length " + prefixLength + " is not between 0 and 32");
    }

    /** Parses {@code a.b.c.d/n}; the message of the exception says what is wrong. */
    public static Cidr parse(String text) {
        if (text == null || text.isBlank()) throw new IllegalArgumentException("empty address");
        String s = text.trim();
        int slash = s.indexOf('/');
        if (slash < 0) throw new IllegalArgumentException("'" + s + "' has no /prefix (write e.g. 192.168.2.254/24)");
        String prefixText = s.substring(slash + 1);
        int prefix;
        try {
            if (!asciiDigits(prefixText)) throw new NumberFormatException(prefixText);
            prefix = Integer.parseInt(prefixText);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + s + "' has a prefix that is not a number");
        }
        return new Cidr(parseIpv4(s.substring(0, slash)), prefix);
    }

    /** Parses a dotted-quad IPv4 address without ever consulting DNS. */
    public static Inet4Address parseIpv4(String text) {
        String s = text == null ? "" : text.trim();
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) throw new IllegalArgumentException("'" + s + "' is not an IPv4 address");
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            if (parts[i].length() > 3 || !asciiDigits(parts[i]))
                throw new IllegalArgumentException("'" + s + "' is not an IPv4 address");
            int v = Integer.parseInt(parts[i]);
            if (v > 255) throw new IllegalArgumentException("'" + s + "' is not an IPv4 address (" + v + " > 255)");
            bytes[i] = (byte) v;
        }
        try {
            return (Inet4Address) InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    /** Only 0-9: {@link Integer#parseInt} would also take signs and other scripts' digits. */
    private static boolean asciiDigits(String s) {
        return !s.isEmpty() && s.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    public int netmaskBits() {
        return prefixLength == 0 ? 0 : -1 << (32 - prefixLength);
    }

    public Inet4Address netmask() {
        return fromInt(netmaskBits());
    }

    public Inet4Address network() {
        return fromInt(toInt(address) & netmaskBits());
    }

    public Inet4Address broadcast() {
        return fromInt(toInt(address) | ~netmaskBits());
    }

    public boolean contains(Inet4Address other) {
        return (toInt(other) & netmaskBits()) == (toInt(address) & netmaskBits());
    }

    public static int toInt(Inet4Address a) {
        byte[] b = a.getAddress();
        return (b[0] & 0xff) << 24 | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | (b[3] & 0xff);
    }

    public static Inet4Address fromInt(int v) {
        try {
            return (Inet4Address) InetAddress.getByAddress(
                    new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return address.getHostAddress() + "/" + prefixLength;
    }
}
