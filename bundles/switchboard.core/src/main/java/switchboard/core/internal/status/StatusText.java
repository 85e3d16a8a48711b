package switchboard.core.internal.status;

import java.util.List;
import switchboard.api.config.ConfigProblem;

/** The plain-text renderings of a {@link StatusSnapshot}. */
public final class StatusText {
    private StatusText() {}

    public static String services(StatusSnapshot status) {
        TextTable table = new TextTable("SERVICE", "ADDRESS", "PORT", "STATE");
        for (StatusSnapshot.ServiceRow r : status.services()) table.row(r.service(), r.address(), r.port(), r.state());
        return table.toString();
    }

    public static String full(StatusSnapshot status) {
        StringBuilder sb = new StringBuilder(services(status));
        sb.append('\n');
        List<StatusSnapshot.BundleRow> inactive = status.inactiveBundles();
        sb.append("Bundles: ").append(status.bundleCount()).append(", ")
                .append(inactive.isEmpty() ? "all active" : inactive.size() + " not active").append('\n');
        for (StatusSnapshot.BundleRow b : inactive)
            sb.append("  [").append(b.id()).append("] ").append(b.symbolicName()).append(' ').append(b.version())
                    .append(": ").append(b.state()).append('\n');
        TextTable counters = new TextTable("ENDPOINT", "HANDLED", "QUEUED", "DROPPED");
        status.endpoints().forEach(e -> counters.row(e.name() + " " + e.protocol().name().toLowerCase() + " " + e.address() + ":" + e.port(),
                String.valueOf(e.handled()), String.valueOf(e.queued()), String.valueOf(e.dropped())));
        sb.append('\n').append(counters);
        TextTable health = new TextTable("HEALTH CHECK", "STATUS", "MESSAGE");
        status.health().forEach(h -> health.row(h.check(), h.status(), h.message()));
        sb.append('\n').append(health);
        List<ConfigProblem> problems = status.problems();
        sb.append('\n').append("Configuration problems: ").append(problems.isEmpty() ? "none" : problems.size()).append('\n');
        for (ConfigProblem p : problems) sb.append("  ").append(p).append(" (since ").append(p.at()).append(")\n");
        return sb.toString();
    }
}
