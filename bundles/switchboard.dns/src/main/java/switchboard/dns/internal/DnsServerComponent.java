package switchboard.dns.internal;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import switchboard.api.config.ConfigProblems;
import switchboard.api.config.InvalidConfigurationException;
import switchboard.api.network.Cidr;
import switchboard.api.network.NetworkModel;
import switchboard.api.vpn.Tunnel;
import switchboard.api.vpn.TunnelListener;
import switchboard.dns.internal.server.DnsServer;
import switchboard.dns.internal.server.DnsSettings;
import switchboard.dns.internal.server.DnsStats;

/**
 * The DNS server, configured by PID {@code switchboard.dns}; a new valid configuration restarts it, an
 * invalid one is refused. It waits for its configuration (etc/switchboard.dns.cfg, which the launcher
 * creates), so that it never binds the default port for a moment before the configured one.
 */
@Component(service = {DnsServerComponent.class, TunnelListener.class}, configurationPid = DnsSettings.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        immediate = true)
@Designate(ocd = DnsServerComponent.Config.class)
public class DnsServerComponent implements TunnelListener {

    @ObjectClassDefinition(name = "Switchboard DNS",
            description = "The office's caching resolver and the authority for its domain (the network model's domain).")
    @interface Config {
        @AttributeDefinition(name = "Address", description = "Local IPv4 address for UDP and TCP, e.g. 127.0.0.1 or 0.0.0.0.")
        String address() default "127.0.0.1";

        @AttributeDefinition(name = "Port")
        int port() default 1053;

        @AttributeDefinition(name = "Forwarding", description = "Resolve other names through the forwarders. Off: stand-alone, every name outside the zone is NXDOMAIN.")
        boolean forwarders_enabled() default true;

        @AttributeDefinition(name = "Primary forwarder", description = "a.b.c.d or a.b.c.d:port; empty: the network's WAN DNS servers.", required = false)
        String forwarders_primary() default "";

        @AttributeDefinition(name = "Secondary forwarder", description = "Asked when the primary does not answer in time.", required = false)
        String forwarders_secondary() default "";

        @AttributeDefinition(name = "Forwarder timeout (ms)")
        int forwarders_timeout_ms() default 1500;

        @AttributeDefinition(name = "Views", description = "split: WAN clients see only public names; single: everyone sees every name.",
                options = {@Option(label = "split", value = "split"), @Option(label = "single", value = "single")})
        String views() default "split";

        @AttributeDefinition(name = "Internal networks", description = "Besides the LAN, the sources that may recurse and see internal names: loopback, VPN networks (CIDRs).")
        String[] internal_networks() default {"127.0.0.0/8"};

        @AttributeDefinition(name = "Secondaries", description = "Servers allowed to transfer the zone (AXFR) and sent NOTIFY on change: a.b.c.d[:port].", required = false)
        String[] secondaries() default {};

        @AttributeDefinition(name = "Cache size", description = "Forwarded answers kept.")
        int cache_size() default 10000;
    }

    private static final Logger LOG = LoggerFactory.getLogger(DnsServerComponent.class);

    private final OfficeZoneComponent zone;
    private final NetworkModel network;
    private final ConfigProblems problems;
    private final BundleContext context;
    private final DnsStats stats = new DnsStats();
    /** The VPN's networks: their hosts are inside, like the LAN's. */
    private volatile List<Cidr> tunnelNetworks = List.of();
    private DnsServer server;

    @Activate
    public DnsServerComponent(@Reference OfficeZoneComponent zone, @Reference NetworkModel network, @Reference ConfigProblems problems,
            BundleContext context, Map<String, Object> properties) throws IOException {
        this.zone = zone;
        this.network = network;
        this.problems = problems;
        this.context = context;
        server = new DnsServer(accepted(properties).orElseGet(DnsServerComponent::defaults), zone.zone(), network, () -> tunnelNetworks, stats, context);
    }

    @Modified
    synchronized void modified(Map<String, Object> properties) throws IOException, InterruptedException {
        Optional<DnsSettings> settings = accepted(properties);
        if (settings.isEmpty() || settings.get().equals(server.settings())) return;
        server.stop();
        server = new DnsServer(settings.get(), zone.zone(), network, () -> tunnelNetworks, stats, context);
        LOG.info("DNS server reconfigured: {}:{}", settings.get().address(), settings.get().port());
    }

    @Override
    public void tunnelChanged(Optional<Tunnel> tunnel) {
        tunnelNetworks = tunnel.map(Tunnel::networks).orElse(List.of());
    }

    /** The settings, or empty when they are refused (reported as a configuration problem). */
    private Optional<DnsSettings> accepted(Map<String, Object> properties) {
        try {
            DnsSettings settings = DnsSettings.from(properties);
            problems.clear(DnsSettings.PID);
            return Optional.of(settings);
        } catch (InvalidConfigurationException e) {
            problems.report(DnsSettings.PID, e);
            return Optional.empty();
        }
    }

    @Deactivate
    synchronized void deactivate() throws InterruptedException {
        server.stop();
    }

    public DnsStats stats() {
        return stats;
    }

    public synchronized DnsServer server() {
        return server;
    }

    private static DnsSettings defaults() {
        try {
            return DnsSettings.from(Map.of());
        } catch (InvalidConfigurationException e) {
            throw new IllegalStateException("the defaults are valid", e);
        }
    }
}
