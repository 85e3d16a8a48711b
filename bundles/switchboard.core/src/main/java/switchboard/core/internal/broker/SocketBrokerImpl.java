package switchboard.core.internal.broker;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import switchboard.api.broker.ConnectionHandler;
import switchboard.api.broker.DatagramHandler;
import switchboard.api.broker.DatagramSender;
import switchboard.api.broker.Endpoint;
import switchboard.api.broker.EndpointStatus;
import switchboard.api.broker.SocketBroker;
import switchboard.api.config.ConfigProblems;
import switchboard.api.config.ConfigValues;
import switchboard.api.config.InvalidConfigurationException;

@Component(configurationPid = SocketBrokerImpl.PID, immediate = true)
@Designate(ocd = SocketBrokerImpl.Config.class)
public class SocketBrokerImpl implements SocketBroker {
    static final String PID = "switchboard.broker";

    @ObjectClassDefinition(name = "Switchboard socket broker",
            description = "Sockets stay bound while a service bundle is updated; arrivals wait for the new version.")
    @interface Config {
        @AttributeDefinition(name = "Handover timeout (s)", description = "How long arrivals wait for a handler before they are dropped and the socket is released.")
        int handover_timeout() default 30;

        @AttributeDefinition(name = "Handover queue", description = "Datagrams or connections held in memory per endpoint while it has no handler.")
        int handover_queue() default 4096;
    }

    private static final Logger LOG = LoggerFactory.getLogger(SocketBrokerImpl.class);
    private final Map<EndpointKey, UdpEndpoint> udp = new ConcurrentHashMap<>();
    private final Map<EndpointKey, TcpEndpoint> tcp = new ConcurrentHashMap<>();
    private final Map<EndpointKey, EndpointStatus> failed = new ConcurrentHashMap<>();
    private final ConfigProblems problems;
    private volatile HandoverLimits limits = new HandoverLimits(30_000, 4096);

    @Activate
    public SocketBrokerImpl(@Reference ConfigProblems problems, Map<String, Object> properties) {
        this.problems = problems;
        modified(properties);
    }

    @Modified
    void modified(Map<String, Object> properties) {
        ConfigValues v = new ConfigValues(properties);
        try {
            limits = new HandoverLimits(v.integer("handover.timeout", 30, 1, 3600) * 1000L,
                    v.integer("handover.queue", 4096, 0, 1_000_000));
            problems.clear(PID);
        } catch (InvalidConfigurationException e) {
            problems.report(PID, e);
        }
        udp.values().forEach(e -> e.limits(limits));
        tcp.values().forEach(e -> e.limits(limits));
    }

    @Deactivate
    void deactivate() {
        udp.values().forEach(BrokeredEndpoint::close);
        tcp.values().forEach(BrokeredEndpoint::close);
        udp.clear();
        tcp.clear();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addDatagramHandler(DatagramHandler handler, Map<String, Object> properties) {
        attach(udp, handler, properties, key -> new UdpEndpoint(key, name(properties), limits, () -> release(udp, key)));
    }

    void removeDatagramHandler(DatagramHandler handler, Map<String, Object> properties) {
        detach(udp, handler, properties);
    }

    void updatedDatagramHandler(DatagramHandler handler, Map<String, Object> properties) {
        reconfigured(udp, handler, properties);
        addDatagramHandler(handler, properties);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addConnectionHandler(ConnectionHandler handler, Map<String, Object> properties) {
        attach(tcp, handler, properties, key -> new TcpEndpoint(key, name(properties), limits, () -> release(tcp, key)));
    }

    void removeConnectionHandler(ConnectionHandler handler, Map<String, Object> properties) {
        detach(tcp, handler, properties);
    }

    void updatedConnectionHandler(ConnectionHandler handler, Map<String, Object> properties) {
        reconfigured(tcp, handler, properties);
        addConnectionHandler(handler, properties);
    }

    /**
     * A handler whose properties change was reconfigured, not updated: an endpoint it leaves without
     * handlers is released at once instead of waiting for a handler that will not come back.
     */
    private <H, E extends BrokeredEndpoint<H, ?>> void reconfigured(Map<EndpointKey, E> endpoints, H handler, Map<String, Object> properties) {
        EndpointKey next = null;
        try {
            next = EndpointKey.of(properties);
        } catch (InvalidConfigurationException e) {
            // reported when the handler is attached
        }
        for (Map.Entry<EndpointKey, E> entry : List.copyOf(endpoints.entrySet()))
            if (entry.getValue().detach(handler) && !entry.getKey().equals(next)) release(endpoints, entry.getKey());
    }

    private interface Opener<E> {
        E open(EndpointKey key) throws IOException;
    }

    private <H, E extends BrokeredEndpoint<H, ?>> void attach(Map<EndpointKey, E> endpoints, H handler,
            Map<String, Object> properties, Opener<E> opener) {
        EndpointKey key;
        try {
            key = EndpointKey.of(properties);
        } catch (InvalidConfigurationException e) {
            problems.report(pid(properties), e);
            return;
        }
        E endpoint = endpoints.computeIfAbsent(key, k -> {
            try {
                E opened = opener.open(k);
                opened.start();
                failed.remove(k);
                LOG.info("endpoint {} bound on {}", name(properties), k);
                return opened;
            } catch (IOException e) {
                String detail = "cannot bind " + k + ": " + e.getMessage() + " (change the port in " + pid(properties) + ")";
                failed.put(k, new EndpointStatus(name(properties), protocolOf(endpoints), k.statusAddress(), k.port(),
                        EndpointStatus.State.FAILED, detail, 0, 0, 0));
                LOG.error("endpoint {}: {}", name(properties), detail);
                return null;
            }
        });
        if (endpoint != null) endpoint.attach(handler);
    }

    private EndpointStatus.Protocol protocolOf(Map<?, ?> endpoints) {
        return endpoints == udp ? EndpointStatus.Protocol.UDP : EndpointStatus.Protocol.TCP;
    }

    private <H, E extends BrokeredEndpoint<H, ?>> void detach(Map<EndpointKey, E> endpoints, H handler, Map<String, Object> properties) {
        try {
            EndpointKey key = EndpointKey.of(properties);
            E endpoint = endpoints.get(key);
            if (endpoint != null && endpoint.detach(handler))
                LOG.info("endpoint {} {}: handler gone, holding arrivals for the next one", endpoint.name, key);
            if (endpoint == null) failed.remove(key);
        } catch (InvalidConfigurationException e) {
            // never attached
        }
    }

    private <E extends BrokeredEndpoint<?, ?>> void release(Map<EndpointKey, E> endpoints, EndpointKey key) {
        List<E> released = new ArrayList<>(1);
        endpoints.computeIfPresent(key, (k, e) -> {
            if (e.state() != EndpointStatus.State.WAITING) return e;
            released.add(e);
            return null;
        });
        released.forEach(BrokeredEndpoint::close);
    }

    private static String name(Map<String, Object> properties) {
        return new ConfigValues(properties).string(Endpoint.NAME, "unnamed");
    }

    private static String pid(Map<String, Object> properties) {
        return new ConfigValues(properties).string(Endpoint.PID, new ConfigValues(properties).string("component.name", "?"));
    }

    @Override
    public List<EndpointStatus> endpoints() {
        List<EndpointStatus> all = new ArrayList<>(failed.values());
        udp.values().forEach(e -> all.add(e.status()));
        tcp.values().forEach(e -> all.add(e.status()));
        all.sort(Comparator.comparing(EndpointStatus::name).thenComparing(EndpointStatus::port));
        return all;
    }

    @Override
    public Optional<DatagramSender> datagramSender(String address, int port, String interfaceName) {
        return Optional.ofNullable(udp.get(new EndpointKey(address, port, interfaceName)));
    }
}
