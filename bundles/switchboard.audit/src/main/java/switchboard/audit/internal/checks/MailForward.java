package switchboard.audit.internal.checks;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.Set;
import switchboard.api.network.Cidr;
import switchboard.audit.internal.view.PortSpec;

/**
 * A firewall forward that sends an SMTP port from the WAN to a LAN host (an office mail server behind the box):
 * outsiders reach that server, so its AUTH offer matters as much as Switchboard's own.
 */
record MailForward(String name, int wanPort, InetSocketAddress server) {
    /** The ports where mail clients and servers speak SMTP in clear before STARTTLS (465 is TLS from the start). */
    static final Set<Integer> SMTP_PORTS = Set.of(25, 587, 2525);

    /**
     * Reads a forward's {@code ports} ({@code 587/tcp}) and {@code to} ({@code 198.18.1.10:587}); empty when it is
     * not TCP to or from an SMTP port, or does not parse (the firewall refuses it then, so nothing is forwarded).
     */
    static Optional<MailForward> of(String name, String ports, String to) {
        try {
            PortSpec spec = PortSpec.parseList(ports).stream().filter(p -> p.protocol() == PortSpec.Protocol.TCP).findFirst().orElse(null);
            int colon = to.lastIndexOf(':');
            if (spec == null || spec.from() != spec.to() || colon <= 0) return Optional.empty();
            InetAddress host = Cidr.parseIpv4(to.substring(0, colon));
            String port = to.substring(colon + 1).trim();
            if (!port.matches("\\d{1,5}")) return Optional.empty();
            int lanPort = Integer.parseInt(port);
            if (lanPort < 1 || lanPort > 65535) return Optional.empty();
            if (!SMTP_PORTS.contains(spec.from()) && !SMTP_PORTS.contains(lanPort)) return Optional.empty();
            return Optional.of(new MailForward(name, spec.from(), new InetSocketAddress(host, lanPort)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return name + " (WAN port " + wanPort + "/tcp to " + server.getAddress().getHostAddress() + ":" + server.getPort() + ")";
    }
}
