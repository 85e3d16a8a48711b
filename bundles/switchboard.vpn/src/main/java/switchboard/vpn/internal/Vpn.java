package switchboard.vpn.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
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
import switchboard.api.host.CommandResult;
import switchboard.api.host.HostAdapter;
import switchboard.api.network.Cidr;
import switchboard.api.vpn.Tunnel;
import switchboard.api.vpn.TunnelListener;

/**
 * The WireGuard interface and its peers, kept as configured through the host adapter: the kernel module where
 * {@code ip link add type wireguard} works, else {@code wireguard-go}. Every change is applied peer by peer
 * on the running interface. The interface follows the configuration only: {@code enabled = false} takes it
 * down, while stopping this component (a bundle update, a shutdown) leaves it and its sessions up, and the
 * next start finds it already right. The component waits for its configuration (the launcher always writes
 * {@code etc/switchboard.vpn.cfg}): started on defaults before the file is read, it would take a configured
 * tunnel down as disabled.
 */
@Component(service = Vpn.class, configurationPid = VpnSettings.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true)
@Designate(ocd = Vpn.Config.class)
public class Vpn {

    @ObjectClassDefinition(name = "Switchboard VPN", description = "The WireGuard tunnel for remote sites and admin devices; "
            + "peers are factory configurations switchboard.vpn.peer.")
    @interface Config {
        @AttributeDefinition(name = "Enabled", description = "On: the tunnel is up and its port is open on the WAN.")
        boolean enabled() default false;

        @AttributeDefinition(name = "Interface", description = "Name of the WireGuard interface.")
        String interface$() default "wg0";

        @AttributeDefinition(name = "Port", description = "UDP port on the WAN (51820 is WireGuard's).")
        int port() default 51820;

        @AttributeDefinition(name = "Tunnel address", description = "This box's address and the tunnel network, e.g. 10.99.0.1/24; devices get addresses in it.")
        String address() default "10.99.0.1/24";

        @AttributeDefinition(name = "Public endpoint", description = "Host name or address devices connect to; empty: the WAN address.", required = false)
        String endpoint() default "";
    }

    private static final Logger LOG = LoggerFactory.getLogger(Vpn.class);
    private static final long SETTLE_MILLIS = 250;
    private static final String PSK_PREFIX = "psk-";
    /**
     * After a start (an update) the peer configurations arrive one by one: until this long has passed, a peer on
     * the interface that is not configured (yet) is left up rather than cut, and looked at again then.
     */
    private static final long ARRIVAL_MILLIS = 5000;
    private final long activatedAt = System.nanoTime();
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "switchboard-vpn"));
    private final AtomicBoolean applyRequested = new AtomicBoolean();
    private final List<PeerConfiguration> configurations = new CopyOnWriteArrayList<>();
    private final List<TunnelListener> listeners = new CopyOnWriteArrayList<>();
    private final HostAdapter host;
    private final ConfigProblems problems;
    private final PrivateFiles files;
    private final ServerKey key;
    private volatile VpnSettings settings = VpnSettings.defaults();
    private volatile List<Peer> peers = List.of();
    private Optional<Tunnel> announced = Optional.empty();
    private volatile String lastError = "";
    private volatile String backend = "not started";
    /** The interface this component last brought up, so that a renamed one does not leave the old one behind. */
    private String appliedInterface;

    @Activate
    public Vpn(@Reference HostAdapter host, @Reference ConfigProblems problems, BundleContext context, Map<String, Object> properties)
            throws IOException {
        this.host = host;
        this.problems = problems;
        String home = context.getProperty("switchboard.home");
        this.files = new PrivateFiles(Path.of(home == null ? "switchboard-home" : home).toAbsolutePath().resolve("data").resolve("vpn"));
        this.key = ServerKey.loadOrCreate(files);
        readConfig(properties);
        requestApply();
        schedule(ARRIVAL_MILLIS + SETTLE_MILLIS);
    }

    @Modified
    void modified(Map<String, Object> properties) {
        readConfig(properties);
        announce();
        requestApply();
    }

    /** Stops the worker only: the interface and its peers stay up (see the class comment). */
    @Deactivate
    void deactivate() throws InterruptedException {
        worker.shutdownNow();
        if (!worker.awaitTermination(5, TimeUnit.SECONDS)) LOG.warn("the VPN worker did not stop within 5 s");
    }

    private void readConfig(Map<String, Object> properties) {
        try {
            settings = VpnSettings.parse(properties);
            problems.clear(VpnSettings.PID);
        } catch (InvalidConfigurationException e) {
            problems.report(VpnSettings.PID, e);
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addPeer(PeerConfiguration peer) {
        configurations.add(peer);
        requestApply();
    }

    void removePeer(PeerConfiguration peer) {
        configurations.remove(peer);
        problems.clear(peer.pid());
        requestApply();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    synchronized void addTunnelListener(TunnelListener listener) {
        listeners.add(listener);
        tell(listener, tunnel());
    }

    void removeTunnelListener(TunnelListener listener) {
        listeners.remove(listener);
    }

    private static void tell(TunnelListener listener, Optional<Tunnel> tunnel) {
        try {
            listener.tunnelChanged(tunnel);
        } catch (RuntimeException e) {
            LOG.warn("a tunnel listener failed", e);
        }
    }

    /** The tunnel in force as the firewall and DNS must know it; empty while the VPN is off. */
    Optional<Tunnel> tunnel() {
        VpnSettings s = settings;
        if (!s.enabled()) return Optional.empty();
        List<Cidr> networks = new ArrayList<>(List.of(s.tunnelNetwork()));
        peers.forEach(p -> networks.addAll(p.routedNetworks(s.tunnelNetwork())));
        return Optional.of(new Tunnel(s.interfaceName(), s.listenPort(), networks));
    }

    /** Tells the listeners the tunnel if it changed since they were last told. */
    private synchronized void announce() {
        Optional<Tunnel> now = tunnel();
        if (now.equals(announced)) return;
        announced = now;
        listeners.forEach(l -> tell(l, now));
    }

    VpnSettings settings() {
        return settings;
    }

    String publicKey() {
        return key.publicKey();
    }

    /** The valid peers as last applied. */
    List<Peer> peers() {
        return peers;
    }

    /** How the interface is run: kernel module, wireguard-go, or a dry run. */
    String backend() {
        return backend;
    }

    /** The last failure to bring the interface to its configuration, empty when the last attempt succeeded. */
    String lastError() {
        return lastError;
    }

    /** The interface as {@code wg} reports it now; empty when it is off, missing or in a dry run. */
    Optional<WgDump.Interface> status() {
        if (!settings.enabled()) return Optional.empty();
        CommandResult r = host.run(List.of("wg", "show", settings.interfaceName(), "dump"));
        if (r.dryRun() || !r.succeeded()) return Optional.empty();
        try {
            return Optional.of(WgDump.parse(r.stdout()));
        } catch (IllegalArgumentException e) {
            LOG.warn("cannot read wg show {} dump: {}", settings.interfaceName(), e.getMessage());
            return Optional.empty();
        }
    }

    private void requestApply() {
        if (applyRequested.compareAndSet(false, true)) schedule(SETTLE_MILLIS);
    }

    private void schedule(long delayMillis) {
        try {
            worker.schedule(() -> {
                applyRequested.set(false);
                apply();
            }, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("deactivated: not applying", e);
        }
    }

    private void apply() {
        VpnSettings s = settings;
        List<Peer> valid = validPeers(s);
        peers = valid;
        announce();
        if (appliedInterface != null && !appliedInterface.equals(s.interfaceName()) && linkExists(appliedInterface))
            host.run(List.of("ip", "link", "del", "dev", appliedInterface));
        appliedInterface = null;
        if (!s.enabled()) {
            if (linkExists(s.interfaceName())) host.run(List.of("ip", "link", "del", "dev", s.interfaceName()));
            backend = "off";
            lastError = "";
            return;
        }
        try {
            ensureInterface(s.interfaceName());
            appliedInterface = s.interfaceName();
            Optional<WgDump.Interface> current = status();
            String addresses = host.run(List.of("ip", "-4", "-o", "addr", "show", "dev", s.interfaceName())).stdout();
            String routes = host.run(List.of("ip", "-4", "route", "show", "dev", s.interfaceName())).stdout();
            Set<String> keys = new HashSet<>();
            for (Peer p : valid) {
                if (p.presharedKey().isEmpty()) continue;
                files.write(pskFile(p), p.presharedKey().get() + "\n");
                keys.add(pskFile(p));
            }
            List<String> failures = new ArrayList<>();
            for (List<String> command : TunnelPlan.plan(s, key.file(), key.publicKey(), valid, current, addresses, routes,
                    p -> files.path(pskFile(p)), System.nanoTime() - activatedAt > TimeUnit.MILLISECONDS.toNanos(ARRIVAL_MILLIS))) {
                CommandResult r = host.run(command);
                if (!r.succeeded()) failures.add(String.join(" ", command.subList(0, Math.min(4, command.size()))) + ": " + r.stderr().strip());
            }
            files.prune(PSK_PREFIX, keys);
            lastError = String.join("; ", failures);
            LOG.info("VPN {} on {} port {}: {} peers{}", failures.isEmpty() ? "applied" : "partly applied", s.interfaceName(), s.listenPort(),
                    valid.size(), host.dryRun() ? " (dry run)" : "");
        } catch (IOException e) {
            lastError = "cannot keep the preshared keys in data/vpn: " + e.getMessage();
            LOG.warn(lastError);
        }
    }

    private static String pskFile(Peer p) {
        return PSK_PREFIX + p.name() + ".key";
    }

    /** The configured peers that are valid and unique; the others are reported and left out. */
    private List<Peer> validPeers(VpnSettings s) {
        List<Peer> valid = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        Set<String> names = new HashSet<>();
        for (PeerConfiguration c : configurations) {
            try {
                Peer p = c.peer(s.tunnelNetwork());
                if (!keys.add(p.publicKey())) throw new InvalidConfigurationException("public.key", "another peer has the same key");
                if (!names.add(p.name())) throw new InvalidConfigurationException("name", "another peer has the name " + p.name());
                valid.add(p);
                problems.clear(c.pid());
            } catch (InvalidConfigurationException e) {
                problems.report(c.pid(), e);
            }
        }
        return valid;
    }

    private boolean linkExists(String dev) {
        CommandResult r = host.run(List.of("ip", "link", "show", "dev", dev));
        return r.succeeded() && !r.dryRun();
    }

    /** An existing interface is kept as it is (with its sessions); a missing one is made by the kernel, else by wireguard-go. */
    private void ensureInterface(String dev) {
        if (linkExists(dev)) {
            if (backend.equals("not started") || backend.equals("off")) backend = "WireGuard interface " + dev + " (found up)";
            return;
        }
        if (host.run(List.of("ip", "link", "add", "dev", dev, "type", "wireguard")).succeeded()) {
            backend = host.dryRun() ? "dry run: commands are only logged" : "kernel WireGuard";
            return;
        }
        CommandResult userSpace = host.run(List.of("wireguard-go", dev));
        backend = userSpace.succeeded() ? "wireguard-go (user space)" : "none";
        if (!userSpace.succeeded())
            LOG.warn("no WireGuard: the kernel has no module and wireguard-go failed: {}", userSpace.stderr().strip());
    }
}
