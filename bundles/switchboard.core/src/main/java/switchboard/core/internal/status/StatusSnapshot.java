package switchboard.core.internal.status;

import java.util.ArrayList;
import java.util.List;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.apache.felix.hc.api.execution.HealthCheckExecutionOptions;
import org.apache.felix.hc.api.execution.HealthCheckExecutionResult;
import org.apache.felix.hc.api.execution.HealthCheckExecutor;
import org.apache.felix.hc.api.execution.HealthCheckSelector;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import switchboard.api.broker.EndpointStatus;
import switchboard.api.broker.SocketBroker;
import switchboard.api.config.ConfigProblem;
import switchboard.api.config.ConfigProblems;
import switchboard.api.host.HostAdapter;

/** Collects what the status surfaces show: services and their ports, bundles, configuration problems. */
@Component(service = StatusSnapshot.class)
public class StatusSnapshot {
    /** Capability bundles that, when absent, are listed as not installed. */
    static final List<String[]> CAPABILITIES = List.of(
            new String[] {"switchboard.dns", "DNS"}, new String[] {"switchboard.dhcp", "DHCP"},
            new String[] {"switchboard.mail", "mail"}, new String[] {"switchboard.sip", "SIP"},
            new String[] {"switchboard.wan", "WAN"}, new String[] {"switchboard.firewall", "firewall"},
            new String[] {"switchboard.vpn", "VPN"}, new String[] {"switchboard.audit", "security audit"});
    /** Capability checks are tagged switchboard, the self-audit's security. */
    static final String[] HEALTH_TAGS = {"switchboard", "security"};
    private static final String HTTP_RUNTIME = "org.osgi.service.servlet.runtime.HttpServiceRuntime";

    /** One row of the services table. */
    public record ServiceRow(String service, String address, String port, String state) {}

    /** The outcome of one health check. */
    public record HealthRow(String check, String status, String message) {}

    /** A bundle that is not active (fragments excepted). */
    public record BundleRow(long id, String symbolicName, String version, String state) {}

    private final BundleContext context;
    private final SocketBroker broker;
    private final ConfigProblems problems;
    private final HostAdapter host;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile HealthCheckExecutor healthChecks;

    @Activate
    public StatusSnapshot(BundleContext context, @Reference SocketBroker broker, @Reference ConfigProblems problems,
            @Reference HostAdapter host) {
        this.context = context;
        this.broker = broker;
        this.problems = problems;
        this.host = host;
    }

    public List<ServiceRow> services() {
        List<ServiceRow> rows = new ArrayList<>();
        rows.add(consoleRow());
        String gosh = String.valueOf(context.getProperty("gosh.args"));
        rows.add(new ServiceRow("shell", "terminal", "-", gosh.contains("--nointeractive") ? "quiet (stdin is not a terminal)" : "interactive"));
        for (EndpointStatus e : broker.endpoints())
            rows.add(new ServiceRow(e.name() + " (" + e.protocol().name().toLowerCase() + ")", e.address(), String.valueOf(e.port()),
                    e.state().name().toLowerCase() + (e.detail().isEmpty() ? "" : ": " + e.detail())));
        for (String[] capability : CAPABILITIES)
            if (!installed(capability[0])) rows.add(new ServiceRow(capability[1], "-", "-", "off: not installed"));
        rows.add(new ServiceRow("host changes", "-", "-", host.dryRun() ? "dry run (not root, or apply=false)" : "applied"));
        return rows;
    }

    private ServiceRow consoleRow() {
        try {
            ServiceReference<?>[] refs = context.getServiceReferences(HTTP_RUNTIME, null);
            if (refs != null && refs.length > 0) {
                Object endpoint = refs[0].getProperty("osgi.http.endpoint");
                String url = endpoint instanceof String[] a && a.length > 0 ? a[0]
                        : endpoint instanceof List<?> l && !l.isEmpty() ? String.valueOf(l.get(0)) : String.valueOf(endpoint);
                java.net.URI uri = java.net.URI.create(url);
                return new ServiceRow("web console", uri.getHost(), String.valueOf(uri.getPort()), "listening at " + url + "system/console");
            }
        } catch (InvalidSyntaxException | IllegalArgumentException e) {
            // reported as off below
        }
        return new ServiceRow("web console", "-", "-", "off: HTTP server not running (see etc/org.apache.felix.http.cfg)");
    }

    private boolean installed(String symbolicName) {
        for (Bundle b : context.getBundles()) if (symbolicName.equals(b.getSymbolicName())) return true;
        return false;
    }

    public List<BundleRow> inactiveBundles() {
        List<BundleRow> rows = new ArrayList<>();
        for (Bundle b : context.getBundles()) {
            boolean fragment = b.getHeaders("").get("Fragment-Host") != null;
            if (b.getState() != Bundle.ACTIVE && !fragment)
                rows.add(new BundleRow(b.getBundleId(), b.getSymbolicName(), b.getVersion().toString(), stateName(b.getState())));
        }
        return rows;
    }

    public int bundleCount() {
        return context.getBundles().length;
    }

    public List<EndpointStatus> endpoints() {
        return broker.endpoints();
    }

    /** Every health check (Switchboard's and the security audit's), or one row saying they cannot run. */
    public List<HealthRow> health() {
        HealthCheckExecutor executor = healthChecks;
        if (executor == null) return List.of(new HealthRow("health checks", "UNKNOWN", "health check executor not running"));
        List<HealthRow> rows = new ArrayList<>();
        for (HealthCheckExecutionResult r : executor.execute(HealthCheckSelector.tags(HEALTH_TAGS), new HealthCheckExecutionOptions().setCombineTagsWithOr(true))) {
            StringBuilder message = new StringBuilder();
            r.getHealthCheckResult().forEach(entry -> {
                if (!entry.isDebug()) message.append(message.length() == 0 ? "" : "; ").append(entry.getMessage());
            });
            rows.add(new HealthRow(r.getHealthCheckMetadata().getTitle(), r.getHealthCheckResult().getStatus().name(), message.toString()));
        }
        return rows;
    }

    public List<ConfigProblem> problems() {
        return problems.current();
    }

    static String stateName(int state) {
        return switch (state) {
            case Bundle.INSTALLED -> "installed";
            case Bundle.RESOLVED -> "resolved";
            case Bundle.STARTING -> "starting";
            case Bundle.STOPPING -> "stopping";
            case Bundle.ACTIVE -> "active";
            default -> "uninstalled";
        };
    }
}
