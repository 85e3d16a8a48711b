package switchboard.audit.internal.shell;

import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.List;
import org.apache.felix.hc.api.execution.HealthCheckExecutionOptions;
import org.apache.felix.hc.api.execution.HealthCheckExecutor;
import org.apache.felix.hc.api.execution.HealthCheckSelector;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import switchboard.api.accounts.UserDirectory;
import switchboard.api.firewall.Ban;
import switchboard.api.firewall.BanList;
import switchboard.api.network.Cidr;
import switchboard.audit.internal.checks.SecurityChecks;
import switchboard.audit.internal.probe.WanProbe;

/** {@code sb:audit}, {@code sb:bans}, {@code sb:unban}: the security audit and the shared ban set from the shell. */
@Component(service = AuditCommands.class, property = {"osgi.command.scope=sb", "osgi.command.function=audit",
        "osgi.command.function=bans", "osgi.command.function=unban"})
public class AuditCommands {
    private static final int PROBE_TIMEOUT_MILLIS = 60_000;
    private final HealthCheckExecutor executor;
    private final UserDirectory directory;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile BanList banList;

    @Activate
    public AuditCommands(@Reference HealthCheckExecutor executor, @Reference UserDirectory directory) {
        this.executor = executor;
        this.directory = directory;
    }

    @Descriptor("run the security checks (tag security) and print each finding with its fix")
    public String audit(@Descriptor("also look at the box from a network namespace on the WAN side (root)")
            @Parameter(names = "--probe", presentValue = "true", absentValue = "false") boolean probe) {
        List<String> tags = new ArrayList<>(List.of(SecurityChecks.TAG));
        if (probe) tags.add(WanProbe.TAG);
        // fresh results, any of the tags, and time for the probe's connection attempts
        HealthCheckExecutionOptions options = new HealthCheckExecutionOptions().setForceInstantExecution(true)
                .setCombineTagsWithOr(true).setOverrideGlobalTimeout(PROBE_TIMEOUT_MILLIS);
        return AuditReport.text(executor.execute(HealthCheckSelector.tags(tags.toArray(String[]::new)), options));
    }

    @Descriptor("addresses banned by the firewall (after repeated failed logins, or by fw:ban), with expiry and reason")
    public String bans() {
        BanList bans = banList;
        if (bans == null) return "The firewall is not running: no ban set (failed logins are still throttled per address).";
        List<Ban> current = bans.current();
        if (current.isEmpty()) return "No address is banned.";
        StringBuilder out = new StringBuilder(String.format("%-16s %-26s %s%n", "ADDRESS", "UNTIL", "REASON"));
        for (Ban b : current) out.append(String.format("%-16s %-26s %s%n", b.address().getHostAddress(), b.until(), b.reason()));
        return out.toString();
    }

    @Descriptor("lift the ban of an address and forget its failed logins")
    public String unban(@Descriptor("IPv4 address") String address) {
        Inet4Address parsed;
        try {
            parsed = Cidr.parseIpv4(address);
        } catch (IllegalArgumentException e) {
            return "Nothing changed: " + e.getMessage();
        }
        directory.forgive(parsed.getHostAddress());
        BanList bans = banList;
        if (bans == null) return "Failed logins of " + parsed.getHostAddress() + " forgotten (the firewall is not running: no ban to lift).";
        bans.lift(parsed);
        return "Ban of " + parsed.getHostAddress() + " lifted; its failed logins are forgotten.";
    }
}
