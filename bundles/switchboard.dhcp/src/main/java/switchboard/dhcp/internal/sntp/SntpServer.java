package switchboard.dhcp.internal.sntp;

import java.util.Hashtable;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
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
import switchboard.api.broker.DatagramHandler;
import switchboard.api.broker.Endpoint;
import switchboard.api.config.ConfigProblems;
import switchboard.api.config.ConfigValues;
import switchboard.api.config.InvalidConfigurationException;
import switchboard.api.network.Cidr;

/**
 * The SNTP time service (RFC 4330) the DHCP server names as the LAN's NTP server, answering from
 * the host clock. Default: 127.0.0.1:1123; on the appliance 0.0.0.0:123.
 */
// waits for etc/switchboard.sntp.cfg, so it never binds the default port first
@Component(service = SntpServer.class, configurationPid = SntpServer.PID, immediate = true,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = SntpServer.Config.class)
public class SntpServer {
    static final String PID = "switchboard.sntp";

    @ObjectClassDefinition(name = "Switchboard time service (SNTP)", description = "Answers NTP clients from this host's clock.")
    @interface Config {
        @AttributeDefinition(name = "Address", description = "Local address, e.g. 0.0.0.0 to serve the LAN.")
        String address() default "127.0.0.1";

        @AttributeDefinition(name = "Port", description = "123 on the appliance.")
        int port() default 1123;
    }

    private final BundleContext context;
    private final ConfigProblems problems;
    private final AtomicLong malformed = new AtomicLong();
    private ServiceRegistration<DatagramHandler> endpoint;

    @Activate
    public SntpServer(BundleContext context, @Reference ConfigProblems problems, Map<String, Object> properties) {
        this.context = context;
        this.problems = problems;
        modified(properties);
    }

    @Modified
    synchronized void modified(Map<String, Object> properties) {
        ConfigValues v = new ConfigValues(properties);
        Hashtable<String, Object> props = new Hashtable<>();
        try {
            String address = v.string("address", "127.0.0.1");
            if (!address.equals("0.0.0.0")) v.parsed("address", address, Cidr::parseIpv4);
            props.put(Endpoint.ADDRESS, address);
            props.put(Endpoint.PORT, v.port("port", 1123));
            problems.clear(PID);
        } catch (InvalidConfigurationException e) {
            problems.report(PID, e);
            return;
        }
        props.put(Endpoint.NAME, "ntp");
        props.put(Endpoint.PID, PID);
        if (endpoint == null) {
            endpoint = context.registerService(DatagramHandler.class, (datagram, sender) -> {
                Optional<java.nio.ByteBuffer> reply = SntpReply.to(datagram.payload(), System.currentTimeMillis(), System.currentTimeMillis());
                if (reply.isPresent()) sender.send(reply.get(), datagram.source());
                else malformed.incrementAndGet();
            }, props);
        } else {
            endpoint.setProperties(props);
        }
    }

    /** Datagrams that were not SNTP client requests. */
    long malformed() {
        return malformed.get();
    }

    @Deactivate
    synchronized void deactivate() {
        if (endpoint != null) endpoint.unregister();
        endpoint = null;
    }
}
