package switchboard.sip.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import switchboard.api.accounts.UserDirectory;
import switchboard.api.broker.Datagram;
import switchboard.api.broker.DatagramHandler;
import switchboard.api.broker.DatagramSender;
import switchboard.api.broker.Endpoint;
import switchboard.api.config.ConfigProblems;
import switchboard.api.config.InvalidConfigurationException;
import switchboard.api.network.NetworkModel;

/**
 * The SIP registrar: waits for its configuration (etc/switchboard.sip.cfg, written with the defaults at
 * start) so that it never binds the default port before the configured one; registers the UDP handler with the
 * socket broker and runs the workers that feed {@link SipEngine}: one per processor and at least four (as many
 * as Kamailio's usual UDP children), so that parsing and answering use every core and the queue keeps draining
 * while one worker is held up. Datagrams wait in a bounded queue (a full queue drops: UDP clients retransmit).
 */
@Component(service = SipRegistrar.class, configurationPid = SipRegistrar.PID, immediate = true,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = SipRegistrar.Config.class)
public class SipRegistrar {
    static final String PID = "switchboard.sip";
    private static final Logger LOG = LoggerFactory.getLogger(SipRegistrar.class);
    private static final int QUEUE = 4096;
    /**
     * A request that waited longer than the first retransmission interval (T1, 500 ms) has been sent again
     * already: it is dropped unanswered, and the copy behind it answered. Under overload this keeps the
     * workers on requests whose senders still wait, instead of a growing backlog of stale ones.
     */
    private static final long STALE_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    private static final int WORKERS = Math.max(4, Runtime.getRuntime().availableProcessors());

    @ObjectClassDefinition(name = "Switchboard SIP registrar",
            description = "Registrar and location service for the office phones (SIP over UDP).")
    @interface Config {
        @AttributeDefinition(name = "Address", description = "Local address to listen on, e.g. 127.0.0.1 or the LAN address.")
        String address() default "127.0.0.1";

        @AttributeDefinition(name = "Port", description = "UDP port (5060 is the SIP default).")
        int port() default 5060;

        @AttributeDefinition(name = "Realm", description = "Digest realm. Empty: the office domain (switchboard.network). "
                + "Passwords set before a realm change must be set again.", required = false)
        String realm() default "";

        @AttributeDefinition(name = "Digest algorithms", description = "Challenged in this order of preference (RFC 8760): SHA-256, MD5. "
                + "Put MD5 first for clients that only read the first challenge.")
        String[] digest_algorithms() default {"SHA-256", "MD5"};

        @AttributeDefinition(name = "Minimum expiry", description = "Seconds; shorter registrations get 423 Interval Too Brief.")
        int min_expires() default 60;

        @AttributeDefinition(name = "Maximum expiry", description = "Seconds; longer registrations are shortened to this.")
        int max_expires() default 3600;

        @AttributeDefinition(name = "Default expiry", description = "Seconds, when the REGISTER names none.")
        int default_expires() default 3600;

        @AttributeDefinition(name = "Nonce lifetime", description = "Seconds a digest challenge stays valid; later answers get stale=true.")
        int nonce_seconds() default 60;

        @AttributeDefinition(name = "Keepalive interval", description = "Seconds between OPTIONS pings to phones behind NAT; 0 turns them off.")
        int keepalive_seconds() default 30;

        @AttributeDefinition(name = "Unreachable grace", description = "Seconds without any answer after which a contact behind NAT is removed.")
        int unreachable_grace_seconds() default 120;

        @AttributeDefinition(name = "Failures per minute", description = "Failed authentications per source address and minute before it is ignored for the rest of the minute.")
        int failures_per_minute() default 10;

        @AttributeDefinition(name = "Flood limit", description = "Requests per second from one source address above which it is ignored "
                + "for the flood block time (a phone sends a few an hour); 0 turns the limit off. The box's own loopback addresses are never limited.")
        int flood_requests_per_second() default 30;

        @AttributeDefinition(name = "Flood block time", description = "Seconds a flooding source address is ignored after its last burst.")
        int flood_block_seconds() default 60;

        @AttributeDefinition(name = "Journal sync interval", description = "A REGISTER is answered once its binding is written to "
                + "data/sip/bindings, which survives a crash or kill of Switchboard; the file is forced to the disk (surviving a power loss) "
                + "at most this many milliseconds later. 0: every answer waits for the disk.")
        int journal_sync_millis() default 100;
    }

    private final BundleContext context;
    private final ConfigProblems problems;
    private final UserDirectory directory;
    private final NetworkModel network;
    private final BlockingQueue<Inbound> queue = new ArrayBlockingQueue<>(QUEUE);
    private final SipEngine engine;
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean running = true;
    private SipConfig config;
    private ServiceRegistration<DatagramHandler> endpoint;

    @Activate
    public SipRegistrar(BundleContext context, @Reference ConfigProblems problems, @Reference UserDirectory directory,
            @Reference NetworkModel network, Map<String, Object> properties) throws IOException {
        this.context = context;
        this.problems = problems;
        this.directory = directory;
        this.network = network;
        config = parseOrDefaults(properties);
        engine = new SipEngine(config, realm(config), host(config), directory,
                Path.of(context.getProperty("switchboard.home"), "data", "sip"), System::currentTimeMillis);
        for (int i = 0; i < WORKERS; i++) {
            boolean maintains = i == 0;
            Thread worker = new Thread(() -> work(maintains), "switchboard-sip-" + i);
            workers.add(worker);
            worker.start();
        }
        endpoint = registerEndpoint(config);
    }

    @Modified
    void modified(Map<String, Object> properties) {
        try {
            SipConfig next = SipConfig.parse(properties);
            problems.clear(PID);
            engine.configure(next, realm(next), host(next), directory);
            if (!next.address().equals(config.address()) || next.port() != config.port()) {
                endpoint.unregister();
                endpoint = registerEndpoint(next);
            }
            config = next;
        } catch (InvalidConfigurationException e) {
            problems.report(PID, e);
        }
    }

    /** The broker stops delivering when the handler is unregistered; what is queued is answered before the workers end. */
    @Deactivate
    void deactivate() throws InterruptedException, IOException {
        endpoint.unregister();
        running = false;
        long deadline = System.currentTimeMillis() + TimeUnit.SECONDS.toMillis(5);
        for (Thread worker : workers) worker.join(Math.max(1, deadline - System.currentTimeMillis()));
        for (Thread worker : workers) {
            if (!worker.isAlive()) continue;
            worker.interrupt();
            worker.join(1000);
        }
        engine.close();
    }

    public SipEngine engine() {
        return engine;
    }

    private SipConfig parseOrDefaults(Map<String, Object> properties) throws IOException {
        try {
            SipConfig parsed = SipConfig.parse(properties);
            problems.clear(PID);
            return parsed;
        } catch (InvalidConfigurationException e) {
            problems.report(PID, e);
            try {
                return SipConfig.parse(Map.of());
            } catch (InvalidConfigurationException impossible) {
                throw new IllegalStateException(impossible);
            }
        }
    }

    /** The configured realm, or the office domain as it is now (it may change while running). */
    private Supplier<String> realm(SipConfig c) {
        return c.realm().isEmpty() ? () -> network.current().domain() : c::realm;
    }

    /** The listening address, or the LAN address when listening on all of them. */
    private Supplier<String> host(SipConfig c) {
        return c.address().equals("0.0.0.0") ? () -> network.current().lanAddress().address().getHostAddress() : c::address;
    }

    private ServiceRegistration<DatagramHandler> registerEndpoint(SipConfig c) {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(Endpoint.NAME, "sip");
        props.put(Endpoint.ADDRESS, c.address());
        props.put(Endpoint.PORT, c.port());
        props.put(Endpoint.PID, PID);
        return context.registerService(DatagramHandler.class, this::enqueue, props);
    }

    private void enqueue(Datagram d, DatagramSender sender) {
        byte[] data = new byte[d.payload().remaining()];
        d.payload().duplicate().get(data);
        if (!queue.offer(new Inbound(data, d.source(), sender))) engine.stats().overloaded.increment();
    }

    /** @param maintains whether this worker also runs the once-a-second upkeep (expiry, keepalive) */
    private void work(boolean maintains) {
        long nextMaintenance = 0;
        while (running || !queue.isEmpty()) {
            try {
                Inbound in = queue.poll(200, TimeUnit.MILLISECONDS);
                if (in != null && System.nanoTime() - in.arrived() > STALE_NANOS) engine.stats().stale.increment();
                else if (in != null) engine.handle(in);
                long now = System.currentTimeMillis();
                if (maintains && now >= nextMaintenance) {
                    engine.maintain();
                    nextMaintenance = now + 1000;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.error("SIP registrar: {}", e.toString(), e);
            }
        }
    }
}
