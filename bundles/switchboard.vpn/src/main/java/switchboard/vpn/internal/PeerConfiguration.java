package switchboard.vpn.internal;

import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;
import switchboard.api.config.ConfigValues;
import switchboard.api.config.InvalidConfigurationException;
import switchboard.api.network.Cidr;

/**
 * One peer, a factory configuration of {@code switchboard.vpn.peer}; a valid one is published as a service the
 * tunnel collects. An invalid one is reported and not published, so the tunnel keeps its other peers.
 */
@Component(service = PeerConfiguration.class, configurationPid = PeerConfiguration.FACTORY_PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = PeerConfiguration.Config.class, factory = true)
public class PeerConfiguration {
    static final String FACTORY_PID = "switchboard.vpn.peer";

    @ObjectClassDefinition(name = "Switchboard VPN peer", description = "A remote office (site) or an admin device joined by the WireGuard tunnel.")
    @interface Config {
        @AttributeDefinition(name = "Name", description = "Shown in vpn:peers and on the console page.")
        String name();

        @AttributeDefinition(name = "Kind", options = {@Option(value = "site", label = "Site: another office's LAN"),
                @Option(value = "device", label = "Admin device: one address, as if on the LAN")})
        String kind() default "device";

        @AttributeDefinition(name = "Public key", description = "The peer's WireGuard public key (base64).")
        String public_key();

        @AttributeDefinition(name = "Endpoint", description = "host:port of a site that is reachable; empty: the peer connects to us.", required = false)
        String endpoint() default "";

        @AttributeDefinition(name = "Allowed networks", description = "A site: its LAN (and its tunnel address); a device: its one tunnel address, e.g. 10.99.0.2/32.")
        String[] allowed_ips();

        @AttributeDefinition(name = "Keepalive (s)", description = "Persistent keepalive; set 25 when this box or the peer is behind NAT. 0: off.")
        int keepalive() default 0;

        @AttributeDefinition(name = "Preshared key", description = "Optional extra symmetric key (base64, wg genpsk).", required = false)
        String preshared_key() default "";
    }

    private final String pid;
    private final Map<String, Object> properties;

    @Activate
    public PeerConfiguration(Map<String, Object> properties) {
        ConfigValues v = new ConfigValues(properties);
        this.pid = v.string("service.pid", FACTORY_PID);
        this.properties = Map.copyOf(properties);
    }

    String pid() {
        return pid;
    }

    /** The peer, validated against the tunnel network it must fit; the message of the exception names the key. */
    Peer peer(Cidr tunnel) throws InvalidConfigurationException {
        ConfigValues v = new ConfigValues(properties);
        int keepalive = v.integer("keepalive", 0, 0, 65535);
        try {
            return Peer.parse(v.string("name", ""), v.string("kind", "device"), v.string("public.key", ""), v.string("endpoint", ""),
                    v.list("allowed.ips"), keepalive, v.string("preshared.key", ""), tunnel);
        } catch (IllegalArgumentException e) {
            String message = e.getMessage();
            int colon = message.indexOf(": ");
            throw new InvalidConfigurationException(colon > 0 ? message.substring(0, colon) : "peer", colon > 0 ? message.substring(colon + 2) : message);
        }
    }
}
