package switchboard.vpn.internal;

import java.time.Instant;
import java.util.List;
import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The {@code vpn:} shell commands; {@code vpn:add-device} is {@link AddDeviceCommand}. */
@Component(service = VpnCommands.class, property = {"osgi.command.scope=vpn", "osgi.command.function=show",
        "osgi.command.function=peers"})
public class VpnCommands {
    private final Vpn vpn;

    @Activate
    public VpnCommands(@Reference Vpn vpn) {
        this.vpn = vpn;
    }

    @Descriptor("the tunnel: state, interface, port, address and this box's public key")
    public String show() {
        VpnSettings s = vpn.settings();
        StringBuilder out = new StringBuilder();
        out.append(String.format("%-12s %s%n", "state", s.enabled() ? "enabled" : "disabled (enabled = false in switchboard.vpn)"));
        out.append(String.format("%-12s %s%n", "interface", s.interfaceName() + " (" + vpn.backend() + ")"));
        out.append(String.format("%-12s %s/udp%n", "port", s.listenPort()));
        out.append(String.format("%-12s %s%n", "address", s.address()));
        out.append(String.format("%-12s %s%n", "public key", vpn.publicKey()));
        out.append(String.format("%-12s %d%n", "peers", vpn.peers().size()));
        if (!vpn.lastError().isEmpty()) out.append(String.format("%-12s %s%n", "error", vpn.lastError()));
        return out.toString();
    }

    @Descriptor("the peers: endpoint, latest handshake, bytes received and sent, allowed networks")
    public String peers() {
        List<PeerRow> rows = PeerRow.of(vpn.peers(), vpn.status(), Instant.now());
        if (rows.isEmpty()) return "No peers: add one with vpn:add-device NAME or a switchboard.vpn.peer configuration.\n";
        StringBuilder out = new StringBuilder(line(PeerRow.HEADINGS));
        rows.forEach(r -> out.append(line(r.cells())));
        return out.toString();
    }

    private static String line(List<String> cells) {
        return String.format("%-16s %-7s %-22s %-17s %-10s %-10s %s%n", cells.toArray());
    }
}
