package switchboard.firewall.internal.apply;

import java.io.IOException;
import java.net.Inet4Address;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import switchboard.api.config.ConfigProblems;
import switchboard.api.config.InvalidConfigurationException;
import switchboard.api.firewall.Ban;
import switchboard.api.firewall.BanList;
import switchboard.api.host.CommandResult;
import switchboard.api.host.HostAdapter;
import switchboard.api.network.Cidr;
import switchboard.api.network.NetworkListener;
import switchboard.api.network.NetworkSettings;
import switchboard.api.network.WanMode;
import switchboard.api.vpn.Tunnel;
import switchboard.api.vpn.TunnelListener;
import switchboard.firewall.internal.config.ExposureConfiguration;
import switchboard.firewall.internal.config.FirewallConfig;
import switchboard.firewall.internal.config.ForwardConfiguration;
import switchboard.firewall.internal.rules.Exposure;
import switchboard.firewall.internal.rules.FirewallPolicy;
import switchboard.firewall.internal.rules.Forward;
import switchboard.firewall.internal.rules.RulesetRenderer;

/**
 * Renders the network model, the exposures and the forwards into Switchboard's nftables tables and applies
 * them atomically whenever one of them changes; keeps the ban set. Deactivation leaves the kernel as it is,
 * so an update of this bundle does not disturb traffic; the new version finds its ruleset already in force.
 */
@Component(service = {Firewall.class, NetworkListener.class, BanList.class, TunnelListener.class}, configurationPid = FirewallConfig.PID,
        immediate = true)
@Designate(ocd = Firewall.Config.class)
public class Firewall implements NetworkListener, BanList, TunnelListener {

    @ObjectClassDefinition(name = "Switchboard firewall",
            description = "Flood limits, port presets and the confirmation window; the mode is in the network model, "
                    + "exposed ports and forwards are factory configurations switchboard.firewall.expose and switchboard.firewall.forward.")
    @interface Config {
        @AttributeDefinition(name = "New connections per second", description = "Per source address and exposed port; more are dropped.")
        int flood_rate() default 20;

        @AttributeDefinition(name = "Burst of new connections")
        int flood_burst() default 40;

        @AttributeDefinition(name = "Presets", description = "Port sets to expose: phone (SIP 5060/udp, RTP 10000-20000/udp).", required = false)
        String[] presets() default {};

        @AttributeDefinition(name = "Confirmation window (s)", description = "A change from console or shell is undone unless confirmed within this time.")
        int confirm_seconds() default 60;
    }

    static final String RULESET_FILE = "ruleset.nft";
    private static final Logger LOG = LoggerFactory.getLogger(Firewall.class);

    /** Changes arriving together (the configuration files read at start, a burst of edits) are applied once, this long after the first. */
    private static final long SETTLE_MILLIS = 250;
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "switchboard-firewall"));
    private final AtomicBoolean applyRequested = new AtomicBoolean();
    private final List<ExposureConfiguration> exposures = new CopyOnWriteArrayList<>();
    private final List<ForwardConfiguration> forwards = new CopyOnWriteArrayList<>();
    private final HostAdapter host;
    private final ConfigProblems problems;
    private final DataDirectory data;
    private final BanStore bans;
    private volatile FirewallConfig config = FirewallConfig.defaults();
    private volatile NetworkSettings network;
    private volatile Optional<Tunnel> tunnel = Optional.empty();
    private volatile FirewallStatus status;

    @Activate
    public Firewall(@Reference HostAdapter host, @Reference ConfigProblems problems, BundleContext context,
            Map<String, Object> properties) throws IOException {
        this.host = host;
        this.problems = problems;
        this.data = DataDirectory.of(context);
        this.bans = new BanStore(data);
        this.status = new FirewallStatus(Optional.empty(), data.read(RULESET_FILE), Optional.empty(), Optional.empty(), host.dryRun());
        readConfig(properties);
    }

    @Modified
    void modified(Map<String, Object> properties) {
        readConfig(properties);
        requestApply();
    }

    private void readConfig(Map<String, Object> properties) {
        try {
            config = FirewallConfig.parse(properties);
            problems.clear(FirewallConfig.PID);
        } catch (InvalidConfigurationException e) {
            problems.report(FirewallConfig.PID, e);
        }
    }

    /** Stops the worker; the rules stay in the kernel. */
    @Deactivate
    void deactivate() throws InterruptedException {
        worker.shutdownNow();
        if (!worker.awaitTermination(5, TimeUnit.SECONDS)) LOG.warn("the firewall worker did not stop within 5 s");
    }

    @Override
    public void networkChanged(NetworkSettings settings) {
        network = settings;
        requestApply();
    }

    /** The VPN's tunnel is trusted as LAN side and its port opened on the WAN; it is kept while the VPN bundle is being updated. */
    @Override
    public void tunnelChanged(Optional<Tunnel> changed) {
        if (changed.equals(tunnel)) return;
        tunnel = changed;
        requestApply();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addExposure(ExposureConfiguration exposure) {
        exposures.add(exposure);
        requestApply();
    }

    void removeExposure(ExposureConfiguration exposure) {
        exposures.remove(exposure);
        requestApply();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addForward(ForwardConfiguration forward) {
        forwards.add(forward);
        requestApply();
    }

    void removeForward(ForwardConfiguration forward) {
        forwards.remove(forward);
        problems.clear(forward.pid());
        requestApply();
    }

    public FirewallConfig config() {
        return config;
    }

    public FirewallStatus status() {
        return status;
    }

    /** The live listing of Switchboard's filter table with its counters, or why there is none. */
    public String kernelListing() {
        CommandResult r = host.run(List.of("nft", "list", "table", "inet", RulesetRenderer.FILTER_TABLE));
        if (r.dryRun()) return "(dry run: nothing is applied, so there are no counters)";
        return r.succeeded() ? r.stdout() : "(nft list failed: " + r.stderr().strip() + ")";
    }

    private void requestApply() {
        if (applyRequested.compareAndSet(false, true)) {
            try {
                worker.schedule(() -> {
                    applyRequested.set(false);
                    apply();
                }, SETTLE_MILLIS, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                LOG.debug("deactivated: not applying", e);
            }
        }
    }

    private synchronized void apply() {
        NetworkSettings settings = network;
        if (settings == null) return;
        FirewallPolicy policy = policy(settings);
        String ruleset = RulesetRenderer.render(policy);
        FirewallStatus before = status;
        if (before.ruleset().equals(Optional.of(ruleset)) && before.error().isEmpty() && inKernel()) {
            status = new FirewallStatus(Optional.of(policy), before.ruleset(), before.appliedAt(), Optional.empty(), host.dryRun());
            LOG.info("the ruleset in force is current: left as it is");
            return;
        }
        Instant now = Instant.now();
        CommandResult nft = host.run(List.of("nft", "-f", "-"), ruleset + RulesetRenderer.banElements(bans.current(now), now));
        if (!nft.succeeded()) {
            refused(before, "nft refused the ruleset, the previous one stays in force: " + nft.stderr().strip());
            return;
        }
        CommandResult sysctl = host.run(List.of("sysctl", "-w", "net.ipv4.ip_forward=" + (policy.forwarding() ? 1 : 0)));
        try {
            data.write(RULESET_FILE, ruleset);
        } catch (IOException e) {
            LOG.warn("cannot record the applied ruleset in data/firewall", e);
        }
        Optional<String> error = sysctl.succeeded() ? Optional.empty()
                : Optional.of("forwarding not set: " + sysctl.stderr().strip());
        status = new FirewallStatus(Optional.of(policy), Optional.of(ruleset), Optional.of(now), error, host.dryRun());
        LOG.info("firewall applied: mode {}, {} exposed, {} forwarded{}", policy.mode().key(), policy.exposures().size(),
                policy.forwards().size(), host.dryRun() ? " (dry run)" : "");
    }

    private void refused(FirewallStatus before, String error) {
        LOG.warn(error);
        status = new FirewallStatus(before.policy(), before.ruleset(), before.appliedAt(), Optional.of(error), host.dryRun());
    }

    /** Whether Switchboard's table exists in the kernel (after a reboot the recorded ruleset is not in force). */
    private boolean inKernel() {
        CommandResult r = host.run(List.of("nft", "list", "table", "inet", RulesetRenderer.FILTER_TABLE));
        return r.succeeded() && !r.dryRun();
    }

    private FirewallPolicy policy(NetworkSettings settings) {
        List<Exposure> exposed = new ArrayList<>(config.presetExposures());
        exposures.forEach(e -> exposed.add(e.exposure()));
        return new FirewallPolicy(settings.mode(), settings.lanInterface(), settings.lanAddress(),
                settings.wanAddress().map(Cidr::address), settings.wanMode() == WanMode.DHCP,
                exposed, forwardsIntoTheLan(settings.lanAddress()), config.flood(), tunnel);
    }

    /** The forwards whose device is on the LAN; the others are left out and shown as configuration problems. */
    private List<Forward> forwardsIntoTheLan(Cidr lan) {
        List<Forward> inside = new ArrayList<>();
        for (ForwardConfiguration f : forwards) {
            if (lan.contains(f.forward().lanHost())) {
                inside.add(f.forward());
                problems.clear(f.pid());
            } else {
                problems.report(f.pid(), new InvalidConfigurationException("to", f.forward().lanHost().getHostAddress()
                        + " is not in the LAN " + lan + ": the forward is left out"));
            }
        }
        return inside;
    }

    @Override
    public synchronized void ban(Inet4Address address, Duration duration, String reason) {
        Duration length = duration.compareTo(MAX_DURATION) > 0 ? MAX_DURATION
                : duration.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : duration;
        Instant now = Instant.now();
        Ban ban = new Ban(address, now.plus(length), reason == null ? "" : reason);
        try {
            bans.put(ban);
        } catch (IOException e) {
            LOG.warn("cannot record the ban of {} in data/firewall", address.getHostAddress(), e);
        }
        host.run(List.of("nft", "-f", "-"), RulesetRenderer.banUpdate(ban, now));
        LOG.info("banned {} for {} s: {}", address.getHostAddress(), length.toSeconds(), ban.reason());
    }

    @Override
    public synchronized void lift(Inet4Address address) {
        try {
            bans.remove(address);
        } catch (IOException e) {
            LOG.warn("cannot record the lifted ban of {} in data/firewall", address.getHostAddress(), e);
        }
        host.run(List.of("nft", "-f", "-"), RulesetRenderer.banLift(address));
    }

    @Override
    public List<Ban> current() {
        return bans.current(Instant.now());
    }
}
