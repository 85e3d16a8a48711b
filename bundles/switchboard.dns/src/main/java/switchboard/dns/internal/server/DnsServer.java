package switchboard.dns.internal.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import switchboard.api.broker.ConnectionHandler;
import switchboard.api.broker.DatagramHandler;
import switchboard.api.broker.Endpoint;
import switchboard.api.network.Cidr;
import switchboard.api.network.NetworkModel;
import switchboard.dns.internal.zone.OfficeZone;
import switchboard.dns.internal.zone.ZoneSnapshot;

/**
 * One running configuration of the DNS server: its UDP and TCP handlers registered with the socket
 * broker, the forwarder, the cache and the threads. {@link #stop()} ends every thread it started
 * within a bounded time, so a bundle update leaves none behind.
 */
public final class DnsServer {
    public static final String ENDPOINT_NAME = "dns";
    private static final int TCP_SESSIONS = 64;
    private static final long STOP_WAIT_MILLIS = 2000;

    private final DnsSettings settings;
    private final OfficeZone zone;
    private final ResponseCache cache;
    private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> thread(r, "switchboard-dns-timer"));
    private final ExecutorService tcpSessions = new ThreadPoolExecutor(0, TCP_SESSIONS, 30, TimeUnit.SECONDS,
            new SynchronousQueue<>(), r -> thread(r, "switchboard-dns-tcp"));
    private final Forwarder forwarder;
    private final TcpDnsHandler tcp;
    private final Consumer<ZoneSnapshot> notifier;
    private final List<ServiceRegistration<?>> registrations;

    /** @param tunnelNetworks the VPN's networks, inside like the LAN */
    public DnsServer(DnsSettings settings, OfficeZone zone, NetworkModel network, Supplier<List<Cidr>> tunnelNetworks, DnsStats stats,
            BundleContext context) throws IOException {
        this.settings = settings;
        this.zone = zone;
        this.cache = new ResponseCache(settings.cacheSize(), System::nanoTime);
        timer.setRemoveOnCancelPolicy(true);
        this.forwarder = settings.forwarding()
                ? new Forwarder(() -> upstreams(network), settings.forwardTimeoutMillis(), timer) : null;
        QueryEngine engine = new QueryEngine(zone::snapshot,
                () -> new ClientPolicy(network.current().lanAddress(),
                        Stream.concat(settings.internalNetworks().stream(), tunnelNetworks.get().stream()).toList()), settings, cache, forwarder, stats);
        WireProtocol protocol = new WireProtocol(engine, stats);
        this.tcp = new TcpDnsHandler(protocol, engine, zone::snapshot, settings, tcpSessions);
        this.notifier = snapshot -> timer.execute(() -> ChangeNotifier.notify(snapshot, settings.secondaries()));
        zone.addListener(notifier);
        Hashtable<String, Object> endpoint = new Hashtable<>();
        endpoint.put(Endpoint.NAME, ENDPOINT_NAME);
        endpoint.put(Endpoint.ADDRESS, settings.address());
        endpoint.put(Endpoint.PORT, settings.port());
        endpoint.put(Endpoint.PID, DnsSettings.PID);
        this.registrations = List.of(
                context.registerService(DatagramHandler.class, new UdpDnsHandler(protocol), endpoint),
                context.registerService(ConnectionHandler.class, tcp, endpoint));
    }

    public DnsSettings settings() {
        return settings;
    }

    /** Empties the cache; returns how many answers it held. */
    public int flush() {
        int size = cache.size();
        cache.clear();
        return size;
    }

    public int cacheSize() {
        return cache.size();
    }

    private List<InetSocketAddress> upstreams(NetworkModel network) {
        if (!settings.forwarders().isEmpty()) return settings.forwarders();
        return network.current().wanDns().stream().map(a -> new InetSocketAddress(a, 53)).toList();
    }

    public void stop() throws InterruptedException {
        registrations.forEach(ServiceRegistration::unregister);
        zone.removeListener(notifier);
        tcp.closeAll();
        tcpSessions.shutdownNow();
        if (forwarder != null) forwarder.close();
        timer.shutdownNow();
        tcpSessions.awaitTermination(STOP_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        timer.awaitTermination(STOP_WAIT_MILLIS, TimeUnit.MILLISECONDS);
    }

    private static Thread thread(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
