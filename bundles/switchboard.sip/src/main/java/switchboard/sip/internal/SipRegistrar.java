package switchboard.sip.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Hashtable;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
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
 * socket broker, which calls {@link SipEngine} on the socket's receiving thread. Answering there, with no hand-off
 * to other threads, costs the least per request and keeps the answers in the order and pace of the requests;
 * a request takes tens of microseconds, and what arrives meanwhile waits in the socket's receive buffer.
 * A thread of its own runs the once-a-second upkeep (expiry, keepalive).
 */
@Component(service = SipRegistrar.class, configurationPid = SipRegistrar.PID, immediate = true,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = SipRegistrar.Config.class)
public class SipRegistrar {
    static final String PID = "switchboard.sip";
    private static final Logger LOG = LoggerFactory.getLogger(SipRegistrar.class);

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
    private final SipEngine engine;
    private final ScheduledExecutorService upkeep = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "switchboard-sip-upkeep");
        t.setDaemon(true);
        return t;
    });
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
        upkeep.scheduleWithFixedDelay(this::maintain, 1, 1, TimeUnit.SECONDS);
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

    /**
     * Unregistering the handler returns once the broker's call into it ended; datagrams arriving later wait
     * in the broker for the next registrar (a bundle update) or are dropped (UDP clients retransmit).
     */
    @Deactivate
    void deactivate() throws InterruptedException, IOException {
        endpoint.unregister();
        upkeep.shutdown();
        if (!upkeep.awaitTermination(5, TimeUnit.SECONDS)) upkeep.shutdownNow();
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
        return context.registerService(DatagramHandler.class, this::answer, props);
    }

    private void answer(Datagram d, DatagramSender sender) {
        byte[] data = new byte[d.payload().remaining()];
        d.payload().duplicate().get(data);
        engine.handle(new Inbound(data, d.source(), sender));
    }

    private void maintain() {
        try {
            engine.maintain();
        } catch (RuntimeException e) {
            LOG.error("SIP registrar: {}", e.toString(), e);
        }
    }
}
