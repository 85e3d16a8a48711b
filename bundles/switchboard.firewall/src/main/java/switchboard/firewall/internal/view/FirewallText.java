package switchboard.firewall.internal.view;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import switchboard.firewall.internal.apply.FirewallStatus;
import switchboard.firewall.internal.rules.Exposure;
import switchboard.firewall.internal.rules.Forward;
import switchboard.firewall.internal.rules.RuleCounters;

/** The firewall's state as plain-text tables for the shell. */
public final class FirewallText {
    private FirewallText() {}

    public static String ports(FirewallStatus status) {
        return table(List.of("SERVICE", "PORTS", "PURPOSE", "ON THE WAN"),
                PortTable.rows(status.policy()).stream().map(r -> List.of(r.service(), r.ports(), r.purpose(), r.wan())).toList());
    }

    public static String status(FirewallStatus status, Optional<Instant> confirmDeadline) {
        StringBuilder sb = new StringBuilder();
        sb.append("Mode: ").append(status.policy().map(p -> p.mode().key()).orElse("not yet known")).append(status.dryRun() ? " (dry run)" : "").append('\n');
        sb.append("Applied: ").append(status.appliedAt().map(Instant::toString).orElse("not in this run")).append('\n');
        status.error().ifPresent(e -> sb.append("Error: ").append(e).append('\n'));
        confirmDeadline.ifPresent(d -> sb.append("Unconfirmed changes: undone at ").append(d).append(" unless fw:confirm\n"));
        List<Exposure> exposures = status.policy().map(p -> p.exposures()).orElse(List.of());
        sb.append("Exposed:").append(exposures.isEmpty() ? " none" : "").append('\n');
        exposures.forEach(e -> sb.append("  ").append(e.name()).append(' ').append(e.ports()).append('\n'));
        List<Forward> forwards = status.policy().map(p -> p.forwards()).orElse(List.of());
        sb.append("Forwarded:").append(forwards.isEmpty() ? " none" : "").append('\n');
        forwards.forEach(f -> sb.append("  ").append(f.name()).append(' ').append(f.wanPorts()).append(" -> ")
                .append(f.lanHost().getHostAddress()).append(':').append(f.lanPort()).append('\n'));
        return sb.toString();
    }

    public static String counters(String listing) {
        Map<String, RuleCounters.Count> counts = RuleCounters.parse(listing);
        if (counts.isEmpty()) return listing.startsWith("(") ? listing + "\n" : "No counters.\n";
        return table(List.of("RULE", "PACKETS", "BYTES"), counts.entrySet().stream()
                .map(e -> List.of(e.getKey(), String.valueOf(e.getValue().packets()), String.valueOf(e.getValue().bytes()))).toList());
    }

    static String table(List<String> header, List<List<String>> rows) {
        int[] widths = new int[header.size()];
        for (List<String> row : concat(header, rows))
            for (int i = 0; i < row.size(); i++) widths[i] = Math.max(widths[i], row.get(i).length());
        StringBuilder sb = new StringBuilder();
        for (List<String> row : concat(header, rows)) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) line.append(String.format("%-" + (widths[i] + 2) + "s", row.get(i)));
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        return sb.toString();
    }

    private static List<List<String>> concat(List<String> header, List<List<String>> rows) {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(header), rows.stream()).toList();
    }
}
