package switchboard.wan.internal;

import java.net.Inet4Address;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import switchboard.api.network.Cidr;
import switchboard.api.network.NetworkSettings;
import switchboard.api.network.WanMode;
import switchboard.wan.internal.dhcp.Lease;

/** The WAN status as label/value rows, shown by {@code wan:status} and the console page alike. */
final class WanStatusRows {
    record Row(String label, String value) {}

    private WanStatusRows() {}

    static List<Row> of(NetworkSettings network, String interfaceName, Optional<WanDhcpClient.Snapshot> dhcp, Instant now) {
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("mode", network.wanMode().key()));
        rows.add(new Row("interface", interfaceName.isEmpty() ? "none configured (switchboard.wan interface): left alone" : interfaceName));
        rows.add(new Row("address", network.wanAddress().map(Cidr::toString).orElse("none")));
        rows.add(new Row("gateway", network.wanGateway().map(Inet4Address::getHostAddress).orElse("none")));
        if (network.wanMode() == WanMode.DHCP) {
            if (dhcp.isEmpty()) {
                rows.add(new Row("DHCP client", interfaceName.isEmpty() ? "off: no WAN interface" : "starting"));
            } else {
                WanDhcpClient.Snapshot s = dhcp.get();
                rows.add(new Row("DHCP state", s.state().name()));
                s.lease().ifPresent(lease -> leaseRows(rows, lease, now));
                rows.add(new Row("last event", s.lastEvent()));
            }
        }
        rows.add(new Row("DNS servers", (network.wanDns().isEmpty() ? "none"
                : network.wanDns().stream().map(Inet4Address::getHostAddress).collect(Collectors.joining(", ")))
                + " (wan.dns; never taken from the ISP)"));
        return rows;
    }

    private static void leaseRows(List<Row> rows, Lease lease, Instant now) {
        rows.add(new Row("DHCP server", lease.server().getHostAddress()));
        rows.add(new Row("leased", at(lease.obtained(), now) + " for " + lease.leaseTime().toSeconds() + " s"));
        rows.add(new Row("renew (T1)", at(lease.renewAt(), now)));
        rows.add(new Row("rebind (T2)", at(lease.rebindAt(), now)));
        rows.add(new Row("expires", at(lease.expiresAt(), now)));
    }

    private static String at(Instant when, Instant now) {
        long seconds = now.until(when, ChronoUnit.SECONDS);
        return when.truncatedTo(ChronoUnit.SECONDS) + (seconds >= 0 ? " (in " + seconds + " s)" : " (" + -seconds + " s ago)");
    }

    static String text(List<Row> rows) {
        int width = rows.stream().mapToInt(r -> r.label().length()).max().orElse(0);
        return rows.stream().map(r -> String.format("%-" + width + "s  %s", r.label(), r.value())).collect(Collectors.joining("\n"));
    }
}
