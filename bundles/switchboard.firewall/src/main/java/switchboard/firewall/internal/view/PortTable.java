package switchboard.firewall.internal.view;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import switchboard.api.network.NetworkMode;
import switchboard.firewall.internal.rules.Exposure;
import switchboard.firewall.internal.rules.FirewallPolicy;
import switchboard.firewall.internal.rules.Forward;
import switchboard.firewall.internal.rules.KnownPort;
import switchboard.firewall.internal.rules.PortCatalog;
import switchboard.firewall.internal.rules.PortRange;

/**
 * The rows of the port table: Switchboard's own ports, then the extra exposures and the forwards. Only
 * {@code nat-dmz} closes the box's own WAN side; in the other modes every port but the LAN-only ones is open.
 */
public final class PortTable {
    public record Row(String service, String ports, String purpose, String wan) {}

    private PortTable() {}

    public static List<Row> rows(Optional<FirewallPolicy> policy) {
        List<Exposure> exposures = policy.map(FirewallPolicy::exposures).orElse(List.of());
        List<Row> rows = new ArrayList<>();
        boolean stealth = policy.map(p -> p.mode() == NetworkMode.NAT_DMZ).orElse(true);
        for (KnownPort p : PortCatalog.PORTS)
            rows.add(new Row(p.service(), p.ports().toString(), p.purpose(),
                    p.lanOnly() ? "never (LAN only)" : stealth ? wan(p.ports(), exposures) : "open (mode " + policy.get().mode().key() + ")"));
        for (Exposure e : exposures)
            if (PortCatalog.PORTS.stream().noneMatch(p -> p.ports().equals(e.ports())))
                rows.add(new Row(e.name(), e.ports().toString(), "exposed by configuration", "exposed"));
        for (Forward f : policy.map(FirewallPolicy::forwards).orElse(List.of()))
            rows.add(new Row(f.name(), f.wanPorts().toString(), "forwarded to " + f.lanHost().getHostAddress() + ":" + f.lanPort(), "forwarded"));
        return rows;
    }

    private static String wan(PortRange ports, List<Exposure> exposures) {
        return exposures.stream().filter(e -> e.ports().overlaps(ports)).findFirst().map(e -> "exposed as " + e.name()).orElse("closed");
    }
}
