package switchboard.vpn.internal;

import java.io.IOException;
import java.util.Dictionary;
import java.util.HashSet;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import switchboard.api.config.ConfigValues;
import switchboard.api.network.Cidr;
import switchboard.api.network.NetworkModel;
import switchboard.api.network.NetworkSettings;

/**
 * Adds an admin device: makes its key pair, gives it the first free address of the tunnel network, stores it
 * as a {@code switchboard.vpn.peer} configuration (public key only) and returns the client configuration, the
 * one place its private key ever appears.
 */
@Component(service = DeviceEnrollment.class)
public class DeviceEnrollment {
    private final Vpn vpn;
    private final ConfigurationAdmin configurations;
    private final NetworkModel network;

    @Activate
    public DeviceEnrollment(@Reference Vpn vpn, @Reference ConfigurationAdmin configurations, @Reference NetworkModel network) {
        this.vpn = vpn;
        this.configurations = configurations;
        this.network = network;
    }

    /** The new device's client configuration; an {@link IllegalArgumentException} says why there is none. */
    String add(String name) throws IOException {
        if (name == null || !Peer.NAME.matcher(name).matches())
            throw new IllegalArgumentException("'" + name + "' is not a peer name (letters, digits, . _ -, at most 32)");
        VpnSettings s = vpn.settings();
        Configuration c = configurations.getFactoryConfiguration(PeerConfiguration.FACTORY_PID, name, "?");
        if (c.getProperties() != null) throw new IllegalArgumentException("a peer named " + name + " exists already");
        Cidr address = freeAddress(s, takenAddresses());
        byte[][] pair = WireGuardKey.generatePair();
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("name", name);
        props.put("kind", PeerKind.DEVICE.key());
        props.put("public.key", WireGuardKey.encode(pair[1]));
        props.put("allowed.ips", address.toString());
        c.update(props);
        NetworkSettings net = network.current();
        return new ClientConfig(WireGuardKey.encode(pair[0]), address, vpn.publicKey(), endpoint(s, net) + ":" + s.listenPort(),
                List.of(s.tunnelNetwork(), new Cidr(net.lanAddress().network(), net.lanAddress().prefixLength()))).render();
    }

    private static String endpoint(VpnSettings s, NetworkSettings net) {
        return s.endpointHost().orElseGet(() -> net.wanAddress().map(a -> a.address().getHostAddress()).orElse("wan." + net.domain()));
    }

    /** The single addresses of every configured peer, valid or not, so a new device never shares one. */
    private Set<Integer> takenAddresses() throws IOException {
        Set<Integer> taken = new HashSet<>();
        Configuration[] all;
        try {
            all = configurations.listConfigurations("(service.factoryPid=" + PeerConfiguration.FACTORY_PID + ")");
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        for (Configuration c : all == null ? new Configuration[0] : all) {
            Dictionary<String, Object> props = c.getProperties();
            Object allowed = props == null ? null : props.get("allowed.ips");
            if (allowed == null) continue;
            for (String a : new ConfigValues(Map.of("allowed.ips", allowed)).list("allowed.ips")) {
                try {
                    Cidr cidr = Cidr.parse(a);
                    if (cidr.prefixLength() == 32) taken.add(Cidr.toInt(cidr.address()));
                } catch (IllegalArgumentException e) {
                    // an invalid peer holds no address
                }
            }
        }
        return taken;
    }

    private static Cidr freeAddress(VpnSettings s, Set<Integer> taken) {
        taken.add(Cidr.toInt(s.address().address()));
        Cidr net = s.tunnelNetwork();
        for (int a = Cidr.toInt(net.network()) + 1; a < Cidr.toInt(net.broadcast()); a++)
            if (!taken.contains(a)) return new Cidr(Cidr.fromInt(a), 32);
        throw new IllegalArgumentException("the tunnel network " + net + " has no free address left");
    }
}
