package switchboard.api.vpn;

/**
 * The WireGuard tunnel in force: its interface, whose traffic comes from trusted peers (remote sites and
 * admin devices, as if on the LAN), and the UDP port it listens on at the WAN.
 */
public record Tunnel(String interfaceName, int listenPort) {

    public Tunnel {
        if (interfaceName == null || interfaceName.isBlank()) throw new IllegalArgumentException("a tunnel needs an interface name");
        if (listenPort < 1 || listenPort > 65535) throw new IllegalArgumentException("port " + listenPort + " is out of range 1..65535");
    }
}
