package switchboard.dhcp.internal;

import java.net.Inet4Address;
import java.util.HexFormat;
import java.util.Locale;
import switchboard.api.network.Cidr;

/** A fixed address for one MAC address, with an optional host name registered in DNS. */
record Reservation(String mac, Inet4Address address, String hostname) {

    static Reservation parse(String mac, String address, String hostname) {
        String name = hostname == null ? "" : hostname.trim();
        if (!name.isEmpty() && !HostnameLabel.valid(name))
            throw new IllegalArgumentException("'" + name + "' is not a host name (letters, digits, hyphens; up to 63)");
        return new Reservation(normalMac(mac), Cidr.parseIpv4(address), name.toLowerCase(Locale.ROOT));
    }

    /** {@code AA-BB-CC-DD-EE-FF}, {@code aabb.ccdd.eeff} and the like, as {@code aa:bb:cc:dd:ee:ff}. */
    static String normalMac(String text) {
        String hex = text == null ? "" : text.trim().toLowerCase(Locale.ROOT).replaceAll("[:.\\-]", "");
        if (hex.length() != 12 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0))
            throw new IllegalArgumentException("'" + text + "' is not a MAC address (write aa:bb:cc:dd:ee:ff)");
        return HexFormat.ofDelimiter(":").formatHex(HexFormat.of().parseHex(hex));
    }
}
