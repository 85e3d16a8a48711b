package switchboard.firewall.internal.rules;

/** Why a port may not be opened to the WAN: LAN-only ports, above all the admin console, stay inside. */
final class WanRefusal {
    private WanRefusal() {}

    static void check(PortRange range, String what) {
        PortCatalog.lanOnlyOverlap(range).ifPresent(port -> {
            throw new IllegalArgumentException(what + " " + range + " includes " + port.service() + " " + port.ports()
                    + ", which stays on the LAN" + (port.ports().from() == PortCatalog.CONSOLE_PORT
                            ? ": administer from outside through the VPN (WireGuard) instead" : ""));
        });
    }
}
