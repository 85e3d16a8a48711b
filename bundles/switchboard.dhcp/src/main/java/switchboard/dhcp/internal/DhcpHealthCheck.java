package switchboard.dhcp.internal;

import java.time.Instant;
import java.util.Optional;
import org.apache.felix.hc.api.FormattingResultLog;
import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Part of the security audit: warns when another DHCP server answers on the LAN (a rogue or
 * forgotten one splits the clients; until {@code foreign.server.hold} seconds after it was last seen), when the address probe is limited, and when the lease journal
 * had unreadable lines.
 */
@Component(property = {HealthCheck.NAME + "=Switchboard DHCP server", HealthCheck.TAGS + "=switchboard",
        HealthCheck.TAGS + "=security"})
public class DhcpHealthCheck implements HealthCheck {
    private final DhcpServer server;

    @Activate
    public DhcpHealthCheck(@Reference DhcpServer server) {
        this.server = server;
    }

    @Override
    public Result execute() {
        FormattingResultLog log = new FormattingResultLog();
        Optional<ServerPlan> plan = server.plan();
        if (plan.isEmpty()) {
            log.info("DHCP is off (disabled, or no LAN interface configured)");
            return new Result(log);
        }
        int hold = plan.get().foreignServerHoldSeconds();
        server.foreignServers().forEach((id, seen) -> log.warn(
                "another DHCP server ({}) answers on the LAN, last seen {}: only one belongs on a LAN; switch one off "
                        + "(this warning ends {} s after it was last seen, foreign.server.hold)", id.getHostAddress(), Instant.ofEpochMilli(seen), hold));
        String probe = server.probeDescription();
        if (probe.startsWith("limited")) log.warn("address probe {}", probe);
        else log.info("address probe: {}", probe);
        if (server.journalSkippedLines() > 0)
            log.warn("{} unreadable lines were skipped in the lease journal", server.journalSkippedLines());
        log.info("{} leases on record, {} malformed messages dropped", server.leases().size(), server.stats().malformed.get());
        return new Result(log);
    }
}
