package switchboard.dhcp.internal;

import java.io.IOException;
import java.net.Inet4Address;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import switchboard.api.broker.DatagramHandler;
import switchboard.api.broker.Endpoint;
import switchboard.api.config.ConfigProblems;
import switchboard.api.config.InvalidConfigurationException;
import switchboard.api.dhcp.DhcpCodec;
import switchboard.api.dhcp.MalformedMessageException;
import switchboard.api.dns.DynamicHostnames;
import switchboard.api.network.Cidr;
import switchboard.api.network.NetworkListener;
import switchboard.api.network.NetworkModel;
import switchboard.api.network.NetworkSettings;

/**
 * The LAN DHCP server: follows its settings, the network model and the reservations live, and
 * serves through a broker endpoint on 0.0.0.0:67 tied to the LAN interface while it has one.
 */
@Component(service = DhcpServer.class, configurationPid = DhcpServer.PID, immediate = true)
@Designate(ocd = DhcpServer.Config.class)
public class DhcpServer {
    static final String PID = "switchboard.dhcp";
    private static final Logger LOG = LoggerFactory.getLogger(DhcpServer.class);

    @ObjectClassDefinition(name = "Switchboard DHCP server",
            description = "Hands out LAN addresses; router, DNS, domain and time server follow the network settings.")
    @interface Config {
        @AttributeDefinition(name = "Enabled", description = "Serve DHCP on the LAN interface (only ever there, never on the WAN).")
        boolean enabled() default true;

        @AttributeDefinition(name = "Interface", description = "Empty: the LAN interface of the network settings.", required = false)
        String interface$() default "";

        @AttributeDefinition(name = "Port", description = "UDP port; 67 except for tests.")
        int port() default 67;

        @AttributeDefinition(name = "Pool start", description = "Empty: .1 of the LAN subnet.", required = false)
        String pool_start() default "";

        @AttributeDefinition(name = "Pool end", description = "Empty: .100 of the LAN subnet.", required = false)
        String pool_end() default "";

        @AttributeDefinition(name = "Lease time (s)")
        int lease_time() default DhcpSettings.DEFAULT_LEASE_SECONDS;

        @AttributeDefinition(name = "Extra options", description = "CODE:TYPE:VALUE, TYPE one of ip, string, uint8, uint16, uint32, bool, hex; e.g. 66:string:tftp.office.lan", required = false)
        String[] options() default {};

        @AttributeDefinition(name = "Probe", description = "Before offering an address the first time, check that nobody answers for it: "
                + "arp (any host, no root needed), ping (ICMP; hosts that drop pings are missed) or none.")
        String probe() default "arp";

        @AttributeDefinition(name = "Decline hold (s)", description = "How long an address a client declined (found in use) is kept out of the pool.")
        int decline_hold() default 3600;

        @AttributeDefinition(name = "Foreign server warning (s)", description = "How long the warning about another DHCP server on the LAN "
                + "stays after that server was last seen (clients bound to it talk to it rarely where this server can hear).")
        int foreign_server_hold() default DhcpSettings.DEFAULT_FOREIGN_SERVER_HOLD_SECONDS;
    }

    private final BundleContext context;
    private final ConfigProblems problems;
    private final DhcpStats stats = new DhcpStats();
    private final DnsRegistrar dns = new DnsRegistrar();
    private final DhcpWorker worker;
    private final List<ReservationConfig> reservations = new CopyOnWriteArrayList<>();
    private final boolean privileged = "root".equals(System.getProperty("user.name"));
    private DhcpSettings settings;
    private NetworkSettings network;
    private volatile Optional<ServerPlan> plan = Optional.empty();
    private volatile Optional<AddressProbe> probe = Optional.empty();
    private ServiceRegistration<DatagramHandler> endpoint;
    /**
     * Registered by hand once this component is active: as a component service it would form a
     * cycle with the network model's reference to listeners, which SCR may leave unbound.
     */
    private final ServiceRegistration<NetworkListener> networkListener;
    private boolean active;

    @Activate
    public DhcpServer(BundleContext context, @Reference NetworkModel model, @Reference ConfigProblems problems,
            Map<String, Object> properties) throws IOException {
        this.context = context;
        this.problems = problems;
        this.network = model.current();
        String home = Optional.ofNullable(context.getProperty("switchboard.home")).orElse("switchboard-home");
        this.worker = new DhcpWorker(Path.of(home, "data", "dhcp"), stats, dns);
        try {
            settings = DhcpSettings.read(properties);
        } catch (InvalidConfigurationException e) {
            problems.report(PID, e);
            settings = DhcpSettings.defaults();
        }
        worker.start();
        synchronized (this) {
            active = true;
            replan();
        }
        networkListener = context.registerService(NetworkListener.class, this::networkChanged, null);
        worker.registerAllHostnames();
    }

    @Modified
    synchronized void modified(Map<String, Object> properties) {
        try {
            settings = DhcpSettings.read(properties);
        } catch (InvalidConfigurationException e) {
            problems.report(PID, e);
            return;
        }
        replan();
    }

    synchronized void networkChanged(NetworkSettings settings) {
        network = settings;
        replan();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    synchronized void addReservation(ReservationConfig reservation) {
        reservations.add(reservation);
        replan();
    }

    synchronized void removeReservation(ReservationConfig reservation) {
        reservations.remove(reservation);
        replan();
    }

    /** Optional, dynamic and greedy: DNS may start before or after this bundle, or be updated. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindDns(DynamicHostnames hostnames) {
        dns.bind(hostnames);
        if (worker != null) worker.registerAllHostnames();
    }

    void unbindDns(DynamicHostnames hostnames) {
        dns.unbind(hostnames);
    }

    /** Rebuilds the plan and the endpoint registration; an invalid combination keeps the last good plan. */
    private void replan() {
        if (!active) return;
        Optional<String> served = ServerPlan.servedInterface(settings, network);
        if (served.isEmpty()) {
            plan = Optional.empty();
            problems.clear(PID);
            unregisterEndpoint();
            return;
        }
        List<Reservation> reserved = new ArrayList<>();
        reservations.forEach(r -> reserved.add(r.reservation()));
        try {
            ServerPlan next = ServerPlan.of(served.get(), settings, network, reserved);
            probe = switch (next.probe()) {
                case ARP -> Optional.of(new ArpProbe(next.interfaceName()));
                case PING -> Optional.of(new PingProbe(next.interfaceName(), privileged));
                case NONE -> Optional.empty();
            };
            if (!plan.equals(Optional.of(next)))
                LOG.info("DHCP plan for {}: pool {}-{}, lease {} s, {} reservations", next.interfaceName(),
                        Cidr.fromInt(next.poolStart()).getHostAddress(), Cidr.fromInt(next.poolEnd()).getHostAddress(),
                        next.leaseSeconds(), next.reservationsByMac().size());
            plan = Optional.of(next);
            worker.plan(next, probe);
            problems.clear(PID);
            registerEndpoint(next);
        } catch (InvalidConfigurationException e) {
            problems.report(PID, e);
        }
    }

    private void registerEndpoint(ServerPlan p) {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(Endpoint.NAME, "dhcp");
        props.put(Endpoint.ADDRESS, "0.0.0.0");
        props.put(Endpoint.PORT, p.port());
        props.put(Endpoint.INTERFACE, p.interfaceName());
        props.put(Endpoint.PID, PID);
        if (endpoint == null) {
            endpoint = context.registerService(DatagramHandler.class, (datagram, sender) -> {
                try {
                    if (!worker.submit(new DhcpWorker.Inbound(DhcpCodec.decode(datagram.payload()), sender)))
                        stats.ignored.incrementAndGet();
                } catch (MalformedMessageException e) {
                    stats.malformed.incrementAndGet();
                    LOG.debug("dropped a malformed DHCP message from {}: {}", datagram.source(), e.getMessage());
                }
            }, props);
            LOG.info("DHCP serving on {} port {}", p.interfaceName(), p.port());
        } else if (!sameEndpoint(props)) {
            endpoint.setProperties(props);
        }
    }

    private boolean sameEndpoint(Hashtable<String, Object> props) {
        for (String key : props.keySet()) if (!props.get(key).equals(endpoint.getReference().getProperty(key))) return false;
        return true;
    }

    private void unregisterEndpoint() {
        if (endpoint == null) return;
        endpoint.unregister();
        endpoint = null;
        LOG.info("DHCP off: {}", settings.enabled() ? "no LAN interface configured" : "disabled");
    }

    @Deactivate
    void deactivate() {
        networkListener.unregister();
        synchronized (this) {
            active = false;
            if (endpoint != null) {
                endpoint.unregister(); // the broker holds arrivals for the next version from here on
                endpoint = null;
            }
        }
        worker.stop();
    }

    Optional<ServerPlan> plan() {
        return plan;
    }

    List<Lease> leases() {
        return worker.leases();
    }

    Optional<Lease> release(Inet4Address address) throws IOException {
        return worker.release(address);
    }

    DhcpStats stats() {
        return stats;
    }

    /** Other DHCP servers seen on the LAN within the hold time, by server identifier, to when each was last seen. */
    Map<Inet4Address, Long> foreignServers() {
        return plan().map(p -> stats.foreignServers(System.currentTimeMillis(), p.foreignServerHoldSeconds() * 1000L)).orElse(Map.of());
    }

    boolean dnsConnected() {
        return dns.connected();
    }

    String probeDescription() {
        return probe.map(AddressProbe::describe).orElse("off");
    }

    long journalSkippedLines() {
        return worker.journalSkippedLines();
    }
}
