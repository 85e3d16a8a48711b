package switchboard.audit.internal.view;

import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.List;
import java.util.Optional;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import switchboard.api.host.CommandResult;
import switchboard.api.host.HostAdapter;
import switchboard.api.network.NetworkModel;
import switchboard.api.network.NetworkSettings;

/**
 * The audit's read-only view of the box: the network model, the configuration as Config Admin holds it,
 * the sockets the kernel has open and the firewall table the kernel enforces. Nothing here changes anything.
 */
@Component(service = SecurityView.class)
public class SecurityView {
    public static final String EXPOSE_FACTORY = "switchboard.firewall.expose";
    public static final String FORWARD_FACTORY = "switchboard.firewall.forward";
    private static final String HTTP_RUNTIME = "org.osgi.service.servlet.runtime.HttpServiceRuntime";
    private static final int DEFAULT_CONSOLE_PORT = 8080;

    private static final long LISTING_REUSE_NANOS = 2_000_000_000L;

    private record Listing(long at, Optional<RulesetInForce> ruleset) {}

    private final BundleContext context;
    private final NetworkModel network;
    private final ConfigurationAdmin configs;
    private final HostAdapter host;
    private volatile Listing listing;

    @Activate
    public SecurityView(BundleContext context, @Reference NetworkModel network, @Reference ConfigurationAdmin configs,
            @Reference HostAdapter host) {
        this.context = context;
        this.network = network;
        this.configs = configs;
        this.host = host;
    }

    public NetworkSettings network() {
        return network.current();
    }

    public Path home() {
        String home = context.getProperty("switchboard.home");
        return Path.of(home == null ? "switchboard-home" : home).toAbsolutePath();
    }

    public List<Listener> listeners() {
        return ListeningSockets.read(Path.of("/proc/net"));
    }

    /**
     * The table the kernel enforces; empty in a dry run, when not root, or before the firewall applied one. Read
     * once for all the checks of one audit round (they run together), so one round lists the table once.
     */
    public Optional<RulesetInForce> ruleset() {
        if (host.dryRun()) return Optional.empty();
        Listing last = listing;
        if (last != null && last.at() > System.nanoTime() - LISTING_REUSE_NANOS) return last.ruleset();
        CommandResult result = host.run(List.of("nft", "list", "table", "inet", "switchboard"));
        Optional<RulesetInForce> ruleset = result.succeeded() ? RulesetInForce.parse(result.stdout()) : Optional.empty();
        listing = new Listing(System.nanoTime(), ruleset);
        return ruleset;
    }

    public HostAdapter host() {
        return host;
    }

    /** The WAN address when it is assigned to an interface that is up: then the WAN is live. */
    public Optional<InetAddress> liveWanAddress() {
        return network().wanAddress().map(c -> (InetAddress) c.address()).filter(address -> {
            try {
                NetworkInterface nif = NetworkInterface.getByInetAddress(address);
                return nif != null && nif.isUp();
            } catch (SocketException e) {
                return false;
            }
        });
    }

    /** True when WAN traffic can reach the listener's address: all addresses, or the WAN address itself. */
    public boolean onWanAddress(Listener l) {
        return l.wildcard() || liveWanAddress().filter(l.address()::equals).isPresent();
    }

    /** True when something on the WAN can reach the port: a listener on a WAN address that the firewall does not drop. */
    public boolean reachableFromWan(Listener l, Optional<RulesetInForce> ruleset) {
        return liveWanAddress().isPresent() && onWanAddress(l)
                && ruleset.map(r -> !r.dropsFromWan(l.protocol(), l.port())).orElse(true);
    }

    /** The console's port, from the HTTP runtime that serves it. */
    public int consolePort() {
        try {
            ServiceReference<?>[] refs = context.getServiceReferences(HTTP_RUNTIME, null);
            if (refs != null) {
                Object endpoint = refs[0].getProperty("osgi.http.endpoint");
                String first = endpoint instanceof String[] a && a.length > 0 ? a[0] : endpoint instanceof String s ? s : null;
                if (first != null && URI.create(first).getPort() > 0) return URI.create(first).getPort();
            }
        } catch (InvalidSyntaxException | IllegalArgumentException e) {
            // fall back to the default
        }
        return DEFAULT_CONSOLE_PORT;
    }

    /** The properties of a PID, empty when it has no configuration. */
    public Optional<Dictionary<String, Object>> config(String pid) {
        try {
            Configuration[] found = configs.listConfigurations("(service.pid=" + pid + ")");
            return found == null || found.length == 0 ? Optional.empty() : Optional.ofNullable(found[0].getProperties());
        } catch (IOException | InvalidSyntaxException e) {
            return Optional.empty();
        }
    }

    /** A configuration value as text, or {@code fallback}. */
    public String value(String pid, String key, String fallback) {
        return config(pid).map(d -> d.get(key)).map(SecurityView::text).orElse(fallback);
    }

    /** A numeric configuration value, or {@code fallback} when it is missing or not a number. */
    public int number(String pid, String key, int fallback) {
        try {
            return Integer.parseInt(value(pid, key, Integer.toString(fallback)).trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** The configurations of a factory PID (exposures, forwards), by their name after the dash of the file. */
    public List<Dictionary<String, Object>> factoryConfigs(String factoryPid) {
        List<Dictionary<String, Object>> all = new ArrayList<>();
        try {
            Configuration[] found = configs.listConfigurations("(service.factoryPid=" + factoryPid + ")");
            if (found != null) for (Configuration c : found) if (c.getProperties() != null) all.add(c.getProperties());
        } catch (IOException | InvalidSyntaxException e) {
            // none readable
        }
        return all;
    }

    /** The ports a factory configuration's {@code ports} key names; a value that does not parse names none. */
    public static List<PortSpec> ports(Dictionary<String, Object> config) {
        try {
            return PortSpec.parseList(text(config.get("ports")));
        } catch (IllegalArgumentException e) {
            return List.of();
        }
    }

    /** Names a factory configuration by its file or PID, for findings. */
    public static String name(Dictionary<String, Object> config) {
        Object file = config.get("felix.fileinstall.filename");
        if (file != null) return Path.of(URI.create(file.toString()).getPath()).getFileName().toString();
        return String.valueOf(config.get("service.pid"));
    }

    public static String text(Object value) {
        if (value == null) return "";
        if (value instanceof String[] array) return String.join(",", array);
        if (value instanceof Object[] array) return String.join(",", Arrays.stream(array).map(String::valueOf).toList());
        return value.toString();
    }
}
