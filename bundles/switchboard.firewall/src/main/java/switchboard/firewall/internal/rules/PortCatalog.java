package switchboard.firewall.internal.rules;

import java.util.List;
import java.util.Optional;

/** Every port Switchboard uses (default and appliance profile), and the presets an admin can expose in one step. */
public final class PortCatalog {
    public static final int CONSOLE_PORT = 8080;

    public static final List<KnownPort> PORTS = List.of(
            new KnownPort("web console", PortRange.single(Protocol.TCP, CONSOLE_PORT),
                    "administration; from outside only through the VPN (WireGuard 51820/udp)", true),
            new KnownPort("DNS", PortRange.single(Protocol.UDP, 53), "office DNS (appliance profile)", true),
            new KnownPort("DNS", PortRange.single(Protocol.TCP, 53), "office DNS (appliance profile)", true),
            new KnownPort("DNS", PortRange.single(Protocol.UDP, 1053), "office DNS (default profile)", true),
            new KnownPort("DNS", PortRange.single(Protocol.TCP, 1053), "office DNS (default profile)", true),
            new KnownPort("DHCP", PortRange.single(Protocol.UDP, 67), "addresses for the LAN", true),
            new KnownPort("SMTP", PortRange.single(Protocol.TCP, 25), "incoming mail (appliance profile)", false),
            new KnownPort("SMTP", PortRange.single(Protocol.TCP, 2525), "incoming mail (default profile)", false),
            new KnownPort("submission", PortRange.single(Protocol.TCP, 587), "mail from users (appliance profile)", false),
            new KnownPort("submission", PortRange.single(Protocol.TCP, 2587), "mail from users (default profile)", false),
            new KnownPort("SMTPS", PortRange.single(Protocol.TCP, 465), "mail from users over TLS (appliance profile)", false),
            new KnownPort("POP3", PortRange.single(Protocol.TCP, 110), "mailbox access (appliance profile)", false),
            new KnownPort("POP3", PortRange.single(Protocol.TCP, 1110), "mailbox access (default profile)", false),
            new KnownPort("POP3S", PortRange.single(Protocol.TCP, 995), "mailbox access over TLS (appliance profile)", false),
            new KnownPort("SIP", PortRange.single(Protocol.UDP, 5060), "phone registrations and calls", false),
            new KnownPort("RTP", new PortRange(Protocol.UDP, 10000, 20000), "call audio", false),
            new KnownPort("WireGuard", PortRange.single(Protocol.UDP, 51820), "VPN for road warriors and administration", false));

    private PortCatalog() {}

    public static List<KnownPort> lanOnly() {
        return PORTS.stream().filter(KnownPort::lanOnly).toList();
    }

    /** The LAN-only port a range would open to the WAN, if any: such ranges are refused. */
    public static Optional<KnownPort> lanOnlyOverlap(PortRange range) {
        return lanOnly().stream().filter(p -> p.ports().overlaps(range)).findFirst();
    }

    /** The exposures of a preset by name: {@code phone} is SIP 5060/udp and RTP 10000-20000/udp. */
    public static List<Exposure> preset(String name) {
        if (name.equals("phone"))
            return List.of(new Exposure("sip", PortRange.single(Protocol.UDP, 5060)), new Exposure("rtp", new PortRange(Protocol.UDP, 10000, 20000)));
        throw new IllegalArgumentException("'" + name + "' is not a preset (known: phone)");
    }
}
