package switchboard.core.internal.network;

import java.net.Inet4Address;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
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
import org.osgi.service.metatype.annotations.Option;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import switchboard.api.config.ConfigProblems;
import switchboard.api.config.InvalidConfigurationException;
import switchboard.api.network.Cidr;
import switchboard.api.network.NetworkListener;
import switchboard.api.network.NetworkModel;
import switchboard.api.network.NetworkSettings;
import switchboard.api.network.WanMode;

@Component(configurationPid = NetworkModel.PID, immediate = true)
@Designate(ocd = NetworkModelImpl.Config.class)
public class NetworkModelImpl implements NetworkModel {

    @ObjectClassDefinition(name = "Switchboard network",
            description = "The office network: LAN, WAN and the network mode. Every service derives its defaults from it.")
    @interface Config {
        @AttributeDefinition(name = "LAN interface", description = "Interface facing the office LAN, e.g. eth0. Empty: no LAN interface (DHCP stays off).", required = false)
        String lan_interface() default "";

        @AttributeDefinition(name = "LAN address", description = "This box's address on the LAN with its prefix, e.g. 192.168.2.254/24.")
        String lan_address() default NetworkConfig.DEFAULT_LAN_ADDRESS;

        @AttributeDefinition(name = "Domain", description = "The office's DNS domain, e.g. example.com.")
        String domain() default NetworkConfig.DEFAULT_DOMAIN;

        @AttributeDefinition(name = "WAN mode", options = {@Option(label = "Static address", value = "static"), @Option(label = "DHCP client", value = "dhcp")})
        String wan_mode() default "static";

        @AttributeDefinition(name = "WAN address", description = "Static WAN address with prefix, e.g. 203.0.113.10/24.", required = false)
        String wan_address() default "";

        @AttributeDefinition(name = "WAN gateway", description = "The ISP's router (static mode).", required = false)
        String wan_gateway() default "";

        @AttributeDefinition(name = "WAN DNS servers", description = "Upstream DNS servers.", required = false)
        String[] wan_dns() default {};

        @AttributeDefinition(name = "Network mode", options = {
                @Option(label = "LAN only", value = "lan-only"), @Option(label = "Router", value = "router"),
                @Option(label = "NAT/Firewall", value = "nat"), @Option(label = "NAT/Firewall with stealth DMZ", value = "nat-dmz")})
        String mode() default "nat-dmz";
    }

    private static final Logger LOG = LoggerFactory.getLogger(NetworkModelImpl.class);

    private final ExecutorService notifier = Executors.newSingleThreadExecutor(r -> new Thread(r, "switchboard-network-notify"));
    private final List<NetworkListener> listeners = new CopyOnWriteArrayList<>();
    private final ConfigProblems problems;
    private NetworkConfig config = NetworkConfig.defaults();
    private Optional<Cidr> learntWan = Optional.empty();
    private Optional<Inet4Address> learntGateway = Optional.empty();
    private long revision;
    private volatile NetworkSettings current;

    @Activate
    public NetworkModelImpl(@Reference ConfigProblems problems, Map<String, Object> properties) {
        this.problems = problems;
        apply(properties);
    }

    @Modified
    void modified(Map<String, Object> properties) {
        apply(properties);
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        notifier.shutdownNow();
        notifier.awaitTermination(5, TimeUnit.SECONDS);
    }

    private void apply(Map<String, Object> properties) {
        try {
            NetworkConfig parsed = NetworkConfig.parse(properties);
            problems.clear(PID);
            synchronized (this) {
                config = parsed;
                publish();
            }
        } catch (InvalidConfigurationException e) {
            problems.report(PID, e);
            synchronized (this) {
                if (current == null) publish();
            }
        }
    }

    @Override
    public NetworkSettings current() {
        return current;
    }

    @Override
    public synchronized void learnWan(Optional<Cidr> address, Optional<Inet4Address> gateway) {
        learntWan = address;
        learntGateway = gateway;
        if (config.wanMode() == WanMode.DHCP) {
            LOG.info("WAN address learnt: {} via {}", address.map(Cidr::toString).orElse("none"),
                    gateway.map(Inet4Address::getHostAddress).orElse("no gateway"));
            publish();
        }
    }

    private void publish() {
        boolean dhcp = config.wanMode() == WanMode.DHCP;
        NetworkSettings next = new NetworkSettings(++revision, config.lanInterface(), config.lanAddress(), config.domain(),
                config.wanMode(), dhcp ? learntWan : config.wanAddress(), dhcp ? learntGateway : config.wanGateway(),
                config.wanDns(), config.mode());
        current = next;
        for (NetworkListener l : listeners) notify(l, next);
    }

    private void notify(NetworkListener listener, NetworkSettings settings) {
        notifier.execute(() -> {
            try {
                listener.networkChanged(settings);
            } catch (RuntimeException e) {
                LOG.warn("network listener {} failed", listener, e);
            }
        });
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addListener(NetworkListener listener) {
        synchronized (this) {
            listeners.add(listener);
            if (current != null) notify(listener, current);
        }
    }

    void removeListener(NetworkListener listener) {
        listeners.remove(listener);
    }
}
