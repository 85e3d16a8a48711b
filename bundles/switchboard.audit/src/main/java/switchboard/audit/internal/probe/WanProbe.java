package switchboard.audit.internal.probe;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.felix.hc.api.FormattingResultLog;
import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.apache.felix.hc.api.ResultLog;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import switchboard.api.broker.EndpointStatus;
import switchboard.api.broker.SocketBroker;
import switchboard.api.host.CommandResult;
import switchboard.api.host.HostAdapter;
import switchboard.api.network.NetworkMode;
import switchboard.audit.internal.view.PortSpec;
import switchboard.audit.internal.view.SecurityView;

/**
 * Looks at the box from outside: a network namespace of its own, joined to this one by a veth pair whose
 * far end is neither the LAN interface nor in the LAN subnet, so the firewall treats it as the WAN. From
 * there it connects to the WAN address on every TCP port Switchboard uses or exposes, and pings it, and
 * compares what answers with what is meant to. Runs only on demand (tag {@value #TAG}: {@code sb:audit --probe}),
 * as root with host changes applied; the namespace is removed afterwards.
 */
@Component(service = {HealthCheck.class, WanProbe.class},
        property = {HealthCheck.NAME + "=Security: probe from the WAN side", HealthCheck.TAGS + "=" + WanProbe.TAG})
public class WanProbe implements HealthCheck {
    public static final String TAG = "security-probe";
    /** Ports worth trying besides Switchboard's own: remote shells and web servers that should not be there. */
    static final List<Integer> USUAL_SUSPECTS = List.of(22, 23, 80, 443);
    private static final String HOST_SIDE = "sbaudit0";
    private static final String PROBE_SIDE = "sbprobe0";
    private static final String HOST_ADDRESS = "169.254.253.1";
    private static final String PROBE_ADDRESS = "169.254.253.2";
    /**
     * The health endpoint answers the LAN without a login (for monitoring), so a probe asked for again sooner gets
     * the last one's findings instead of another namespace.
     */
    private static final long MIN_INTERVAL_MILLIS = 10_000;

    private final SecurityView view;
    private final SocketBroker broker;
    private Result lastProbe;
    private long lastProbeAt;

    @Activate
    public WanProbe(@Reference SecurityView view, @Reference SocketBroker broker) {
        this.view = view;
        this.broker = broker;
    }

    @Override
    public synchronized Result execute() {
        FormattingResultLog log = new FormattingResultLog();
        HostAdapter host = view.host();
        Optional<InetAddress> wan = view.liveWanAddress();
        if (host.dryRun()) {
            log.warn("the probe needs root and apply = true in etc/switchboard.host.cfg (it makes a network namespace); not run");
            return new Result(log);
        }
        if (wan.isEmpty()) {
            log.info("no WAN interface is up: nothing to probe");
            return new Result(log);
        }
        long now = System.currentTimeMillis();
        if (lastProbe != null && now - lastProbeAt < MIN_INTERVAL_MILLIS) return repeated(lastProbe, (now - lastProbeAt) / 1000);
        String ns = "sbaudit-" + ProcessHandle.current().pid();
        try {
            String failure = setUp(host, ns, wan.get().getHostAddress());
            if (failure != null) {
                log.warn("cannot set up the probe namespace: {}", failure);
                return new Result(log);
            }
            judge(host, ns, wan.get().getHostAddress(), log);
        } finally {
            host.run(List.of("ip", "netns", "delete", ns));
            host.run(List.of("ip", "link", "delete", HOST_SIDE));
        }
        lastProbe = new Result(log);
        lastProbeAt = System.currentTimeMillis();
        return lastProbe;
    }

    private static Result repeated(Result last, long secondsAgo) {
        FormattingResultLog log = new FormattingResultLog();
        for (ResultLog.Entry e : last) log.add(e);
        log.info("these are the findings of the probe {} s ago: it runs at most every {} s", secondsAgo, MIN_INTERVAL_MILLIS / 1000);
        return new Result(log);
    }

    /** @return why the namespace could not be made, or null */
    private static String setUp(HostAdapter host, String ns, String wan) {
        host.run(List.of("ip", "netns", "delete", ns));
        host.run(List.of("ip", "link", "delete", HOST_SIDE));
        List<List<String>> commands = List.of(
                List.of("ip", "netns", "add", ns),
                List.of("ip", "link", "add", HOST_SIDE, "type", "veth", "peer", "name", PROBE_SIDE, "netns", ns),
                List.of("ip", "addr", "add", HOST_ADDRESS + "/30", "dev", HOST_SIDE),
                List.of("ip", "link", "set", HOST_SIDE, "up"),
                List.of("ip", "-n", ns, "link", "set", "lo", "up"),
                List.of("ip", "-n", ns, "addr", "add", PROBE_ADDRESS + "/30", "dev", PROBE_SIDE),
                List.of("ip", "-n", ns, "link", "set", PROBE_SIDE, "up"),
                List.of("ip", "-n", ns, "route", "add", wan + "/32", "via", HOST_ADDRESS));
        for (List<String> c : commands) {
            CommandResult r = host.run(c);
            if (!r.succeeded()) return String.join(" ", c) + ": " + r.stderr().strip();
        }
        return null;
    }

    private void judge(HostAdapter host, String ns, String wan, FormattingResultLog log) {
        int console = view.consolePort();
        List<PortSpec> exposed = new ArrayList<>();
        for (Dictionary<String, Object> config : view.factoryConfigs(SecurityView.EXPOSE_FACTORY)) exposed.addAll(SecurityView.ports(config));
        Set<Integer> ports = new TreeSet<>(USUAL_SUSPECTS);
        ports.add(console);
        broker.endpoints().stream().filter(e -> e.protocol() == EndpointStatus.Protocol.TCP).forEach(e -> ports.add(e.port()));
        exposed.stream().filter(p -> p.protocol() == PortSpec.Protocol.TCP && p.to() - p.from() < 16)
                .forEach(p -> { for (int i = p.from(); i <= p.to(); i++) ports.add(i); });
        Set<Integer> open = openPorts(host, ns, wan, ports);
        boolean stealth = view.network().mode() == NetworkMode.NAT_DMZ;
        for (int port : ports) {
            boolean intended = exposed.stream().anyMatch(p -> p.contains(PortSpec.Protocol.TCP, port));
            boolean answers = open.contains(port);
            if (answers && port == console)
                log.critical("the console port {} answers on {} from the WAN side. Fix: console on the LAN address only; firewall mode nat-dmz", port, wan);
            else if (answers && !intended)
                log.warn("TCP {} answers on {} from the WAN side but is not exposed{}", port, wan, stealth ? "" : " (mode " + view.network().mode().key() + " serves the box's own ports)");
            else if (!answers && intended)
                log.warn("TCP {} is exposed but does not answer from the WAN side: remove the exposure or start its service", port);
        }
        boolean ping = host.run(List.of("ip", "netns", "exec", ns, "ping", "-c", "1", "-W", "1", wan)).succeeded();
        if (ping) log.warn("{} answers ping from the WAN side. Fix: mode nat-dmz", wan);
        log.info("probed {} from the WAN side: TCP {} tried, answering: {}; ping {}", wan, ports.size(),
                open.isEmpty() ? "none" : open.stream().map(String::valueOf).collect(Collectors.joining(", ")), ping ? "answered" : "unanswered");
    }

    /** One shell in the namespace tries all ports at once, each with a one-second connect timeout, and prints those that accept. */
    private static Set<Integer> openPorts(HostAdapter host, String ns, String wan, Set<Integer> ports) {
        String list = ports.stream().map(String::valueOf).collect(Collectors.joining(" "));
        String script = "for p in " + list + "; do (timeout 1 bash -c \"exec 3<>/dev/tcp/" + wan + "/$p\" 2>/dev/null && echo $p) & done; wait";
        CommandResult r = host.run(List.of("ip", "netns", "exec", ns, "bash", "-c", script));
        Set<Integer> open = new TreeSet<>();
        r.stdout().lines().map(String::strip).filter(l -> l.matches("\\d{1,5}")).forEach(l -> open.add(Integer.parseInt(l)));
        return open;
    }
}
