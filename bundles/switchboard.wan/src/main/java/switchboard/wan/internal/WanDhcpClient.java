package switchboard.wan.internal;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Hashtable;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import switchboard.api.broker.Datagram;
import switchboard.api.broker.DatagramHandler;
import switchboard.api.broker.DatagramSender;
import switchboard.api.broker.Endpoint;
import switchboard.api.broker.SocketBroker;
import switchboard.api.config.InvalidConfigurationException;
import switchboard.api.dhcp.DhcpCodec;
import switchboard.api.dhcp.DhcpMessage;
import switchboard.api.dhcp.MalformedMessageException;
import switchboard.api.network.Cidr;
import switchboard.api.network.NetworkListener;
import switchboard.api.network.NetworkModel;
import switchboard.api.network.NetworkSettings;
import switchboard.api.network.WanMode;
import switchboard.wan.internal.dhcp.DhcpClient;
import switchboard.wan.internal.dhcp.Lease;

/**
 * The WAN DHCP client: while {@code wan.mode = dhcp} and a WAN interface is configured, leases the WAN address
 * from the ISP and tells the network model ({@link NetworkModel#learnWan}), which puts it on the interface
 * (through {@link WanInterface}), into DNS and into the firewall. It talks through a broker endpoint on
 * 0.0.0.0:68 tied to the WAN interface, so broadcasts leave and arrive there only, and an update of this
 * bundle keeps the socket. All client state is confined to one thread.
 */
@Component(service = WanDhcpClient.class, configurationPid = WanConfig.PID, immediate = true)
public class WanDhcpClient {
    static final int CLIENT_PORT = 68;
    static final int SERVER_PORT = 67;
    private static final String ANY = "0.0.0.0";
    private static final Inet4Address BROADCAST = Cidr.fromInt(-1);
    /** How often a missing WAN interface is looked for again. */
    private static final Duration INTERFACE_RETRY = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(WanDhcpClient.class);

    /** What the client is doing, for {@code wan:status} and the console page. */
    record Snapshot(String interfaceName, DhcpClient.State state, Optional<Lease> lease, String lastEvent) {}

    private final BundleContext context;
    private final NetworkModel model;
    private final SocketBroker broker;
    private final Clock clock = Clock.systemUTC();
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "switchboard-wan-dhcp"));
    /** Registered by hand: as a component service it would form a cycle with the network model's listener reference. */
    private final ServiceRegistration<NetworkListener> listener;
    private volatile Optional<Snapshot> snapshot = Optional.empty();
    // confined to the client thread:
    private String configuredInterface = "";
    private NetworkSettings network;
    private Running running;
    private ScheduledFuture<?> retry;

    /** The client on one interface, with the endpoint it listens on and its next timer. */
    private static final class Running {
        final String interfaceName;
        final DhcpClient client;
        final ServiceRegistration<DatagramHandler> endpoint;
        ScheduledFuture<?> timer;

        Running(String interfaceName, DhcpClient client, ServiceRegistration<DatagramHandler> endpoint) {
            this.interfaceName = interfaceName;
            this.client = client;
            this.endpoint = endpoint;
        }
    }

    @Activate
    public WanDhcpClient(BundleContext context, @Reference NetworkModel model, @Reference SocketBroker broker, Map<String, Object> properties) {
        this.context = context;
        this.model = model;
        this.broker = broker;
        configure(properties);
        listener = context.registerService(NetworkListener.class, settings -> onThread(() -> {
            network = settings;
            reconcile();
        }), null);
    }

    @Modified
    void modified(Map<String, Object> properties) {
        configure(properties);
    }

    /** An invalid interface name is reported by {@link WanInterface}; the client keeps the last good one. */
    private void configure(Map<String, Object> properties) {
        try {
            String name = WanConfig.read(properties).interfaceName();
            onThread(() -> {
                configuredInterface = name;
                reconcile();
            });
        } catch (InvalidConfigurationException e) {
            LOG.debug("WAN configuration refused, reported by the WAN interface", e);
        }
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        listener.unregister();
        // the address stays on the interface and in the model: the next version asks for it again
        try {
            thread.submit(this::stop).get(5, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("the WAN DHCP client did not stop cleanly", e);
        }
        thread.shutdownNow(); // only its timers are left, which must not fire any more
        if (!thread.awaitTermination(5, TimeUnit.SECONDS)) LOG.warn("the WAN DHCP client's thread did not end within 5 s");
    }

    Optional<Snapshot> snapshot() {
        return snapshot;
    }

    private void onThread(Runnable task) {
        try {
            thread.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.warn("WAN DHCP client failed", e);
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.debug("deactivated: ignored", e);
        }
    }

    /** Runs the client on the wanted interface, or stops it when DHCP mode is off. */
    private void reconcile() {
        boolean dhcp = network != null && network.wanMode() == WanMode.DHCP && !configuredInterface.isEmpty();
        String wanted = dhcp ? configuredInterface : "";
        if (running != null && !running.interfaceName.equals(wanted)) {
            stop();
            model.learnWan(Optional.empty(), Optional.empty());
        }
        if (running == null && !wanted.isEmpty()) start(wanted);
        if (wanted.isEmpty()) snapshot = Optional.empty();
    }

    private void start(String interfaceName) {
        if (retry != null) retry.cancel(false);
        Optional<byte[]> mac = hardwareAddress(interfaceName);
        if (mac.isEmpty()) {
            snapshot = Optional.of(new Snapshot(interfaceName, DhcpClient.State.INIT, Optional.empty(),
                    "interface " + interfaceName + " not found or without a hardware address; looking again every "
                            + INTERFACE_RETRY.toSeconds() + " s"));
            retry = thread.schedule(this::reconcile, INTERFACE_RETRY.toMillis(), TimeUnit.MILLISECONDS);
            return;
        }
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(Endpoint.NAME, "wan-dhcp");
        props.put(Endpoint.ADDRESS, ANY);
        props.put(Endpoint.PORT, CLIENT_PORT);
        props.put(Endpoint.INTERFACE, interfaceName);
        props.put(Endpoint.PID, WanConfig.PID);
        ServiceRegistration<DatagramHandler> endpoint = context.registerService(DatagramHandler.class, this::received, props);
        Optional<Inet4Address> previous = Optional.ofNullable(network).flatMap(NetworkSettings::wanAddress).map(Cidr::address);
        running = new Running(interfaceName, new DhcpClient(mac.get(), previous, new SecureRandom()), endpoint);
        LOG.info("WAN DHCP client on {}", interfaceName);
        perform(running.client.start(clock.instant()));
    }

    private void stop() {
        if (retry != null) retry.cancel(false);
        if (running == null) return;
        if (running.timer != null) running.timer.cancel(false);
        running.endpoint.unregister();
        LOG.info("WAN DHCP client on {} stopped", running.interfaceName);
        running = null;
    }

    /** Called on the endpoint's receive thread: decode there, act on the client thread. */
    private void received(Datagram datagram, DatagramSender sender) {
        DhcpMessage message;
        try {
            message = DhcpCodec.decode(datagram.payload());
        } catch (MalformedMessageException e) {
            LOG.debug("WAN DHCP: dropped a malformed message from {}: {}", datagram.source(), e.getMessage());
            return;
        }
        onThread(() -> {
            if (running != null) perform(running.client.received(message, clock.instant()));
        });
    }

    private void wake(Running on) {
        if (running == on) perform(on.client.wake(clock.instant()));
    }

    private void perform(DhcpClient.Step step) {
        Running r = running;
        for (DhcpClient.Outbound out : step.send()) send(r.interfaceName, out);
        if (r.timer != null) r.timer.cancel(false);
        long delay = Math.max(0, Math.min(Duration.between(clock.instant(), step.wakeAt()).toMillis(), Duration.ofDays(1).toMillis()));
        r.timer = thread.schedule(() -> wake(r), delay, TimeUnit.MILLISECONDS);
        Optional<Lease> lease = r.client.lease();
        if (step.leaseChanged()) {
            LOG.info("WAN DHCP on {}: {}", r.interfaceName, r.client.lastEvent());
            model.learnWan(lease.map(Lease::address), lease.flatMap(Lease::gateway));
        }
        snapshot = Optional.of(new Snapshot(r.interfaceName, r.client.state(), lease, r.client.lastEvent()));
    }

    /** A send before the broker has bound the endpoint is lost like a datagram on the wire: the timer retries. */
    private void send(String interfaceName, DhcpClient.Outbound out) {
        Inet4Address to = out.unicastTo().orElse(BROADCAST);
        Optional<DatagramSender> sender = broker.datagramSender(ANY, CLIENT_PORT, interfaceName);
        if (sender.isEmpty()) {
            LOG.warn("WAN DHCP: endpoint 0.0.0.0:{} on {} is not bound (see sb:status); {} not sent", CLIENT_PORT, interfaceName,
                    out.message().options().messageType().orElseThrow());
            return;
        }
        try {
            sender.get().send(DhcpCodec.encode(out.message()), new InetSocketAddress(to, SERVER_PORT));
        } catch (IOException e) {
            LOG.warn("WAN DHCP: sending to {} failed: {}", to.getHostAddress(), e.getMessage());
        }
    }

    private static Optional<byte[]> hardwareAddress(String interfaceName) {
        try {
            NetworkInterface nic = NetworkInterface.getByName(interfaceName);
            byte[] mac = nic == null ? null : nic.getHardwareAddress();
            return mac == null || mac.length == 0 ? Optional.empty() : Optional.of(mac);
        } catch (SocketException e) {
            return Optional.empty();
        }
    }
}
