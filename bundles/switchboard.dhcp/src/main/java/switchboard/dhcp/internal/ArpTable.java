package switchboard.dhcp.internal;

import java.net.Inet4Address;

/**
 * The kernel's IPv4 neighbour table as {@code /proc/net/arp} shows it: a header line, then
 * {@code IP-address HW-type Flags HW-address Mask Device} per entry. Flag 0x2 (ATF_COM) marks an entry
 * whose owner answered. Lines that do not parse are skipped.
 */
final class ArpTable {
    private static final int COMPLETE = 0x2;

    private ArpTable() {}

    /** Whether {@code address} on {@code interfaceName} has a complete entry: some host answered for it. */
    static boolean answered(String table, Inet4Address address, String interfaceName) {
        String ip = address.getHostAddress();
        for (String line : table.lines().skip(1).toList()) {
            String[] f = line.trim().split("\\s+");
            if (f.length != 6 || !f[0].equals(ip) || !f[5].equals(interfaceName)) continue;
            try {
                if ((Integer.decode(f[2]) & COMPLETE) != 0) return true;
            } catch (NumberFormatException e) {
                // not a flags field: not an entry
            }
        }
        return false;
    }
}
