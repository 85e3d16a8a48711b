package switchboard.vpn.internal;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.osgi.framework.BundleContext;
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
 * Adds an admin device: makes its key pair, gives it the first free address of the tunnel network, writes it
 * as {@code etc/switchboard.vpn.peer-NAME.cfg} (public key only; etc/ is where configuration lives and
 * outlives a restart) and returns the client configuration, the one place its private key ever appears.
 */
@Component(service = DeviceEnrollment.class)
public class DeviceEnrollment {
    private static final String FILE_PREFIX = PeerConfiguration.FACTORY_PID + "-";
    private final Vpn vpn;
    private final ConfigurationAdmin configurations;
    private final NetworkModel network;
    private final Path etc;

    @Activate
    public DeviceEnrollment(@Reference Vpn vpn, @Reference ConfigurationAdmin configurations, @Reference NetworkModel network,
            BundleContext context) {
        this.vpn = vpn;
        this.configurations = configurations;
        this.network = network;
        String home = context.getProperty("switchboard.home");
        this.etc = Path.of(home == null ? "switchboard-home" : home).toAbsolutePath().resolve("etc");
    }

    /** The new device's client configuration; an {@link IllegalArgumentException} says why there is none. */
    synchronized String add(String name) throws IOException {
        if (name == null || !Peer.NAME.matcher(name).matches())
            throw new IllegalArgumentException("'" + name + "' is not a peer name (letters, digits, . _ -, at most 32)");
        VpnSettings s = vpn.settings();
        List<Map<String, Object>> peers = configuredPeers();
        if (peers.stream().anyMatch(p -> name.equals(String.valueOf(p.get("name")).strip())))
            throw new IllegalArgumentException("a peer named " + name + " exists already");
        Cidr address = freeAddress(s, peers);
        byte[][] pair = WireGuardKey.generatePair();
        write(FILE_PREFIX + name + ".cfg", "# admin device added with vpn:add-device or the console page\nname = " + name + "\nkind = "
                + PeerKind.DEVICE.key() + "\npublic.key = " + WireGuardKey.encode(pair[1]) + "\nallowed.ips = " + address + "\n");
        NetworkSettings net = network.current();
        return new ClientConfig(WireGuardKey.encode(pair[0]), address, vpn.publicKey(), endpoint(s, net) + ":" + s.listenPort(),
                List.of(s.tunnelNetwork(), new Cidr(net.lanAddress().network(), net.lanAddress().prefixLength()))).render();
    }

    private void write(String fileName, String content) throws IOException {
        Path target = etc.resolve(fileName);
        if (Files.exists(target)) throw new IllegalArgumentException(target + " exists already");
        Path part = etc.resolve("." + fileName + ".part");
        Files.writeString(part, content, StandardCharsets.UTF_8);
        Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String endpoint(VpnSettings s, NetworkSettings net) {
        return s.endpointHost().orElseGet(() -> net.wanAddress().map(a -> a.address().getHostAddress()).orElse("wan." + net.domain()));
    }

    /** Every peer configuration, valid or not: the files in etc/ (also those not yet read) and those made in the console. */
    private List<Map<String, Object>> configuredPeers() throws IOException {
        List<Map<String, Object>> all = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(etc, FILE_PREFIX + "*.cfg")) {
            for (Path f : files) {
                Properties p = new Properties();
                try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                    p.load(r);
                }
                Map<String, Object> map = new HashMap<>();
                p.forEach((k, v) -> map.put(k.toString(), v));
                all.add(map);
            }
        }
        Configuration[] made;
        try {
            made = configurations.listConfigurations("(service.factoryPid=" + PeerConfiguration.FACTORY_PID + ")");
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        for (Configuration c : made == null ? new Configuration[0] : made) {
            Dictionary<String, Object> props = c.getProperties();
            if (props == null) continue;
            Map<String, Object> map = new HashMap<>();
            for (String k : Collections.list(props.keys())) map.put(k, props.get(k));
            all.add(map);
        }
        return all;
    }

    private static Cidr freeAddress(VpnSettings s, List<Map<String, Object>> peers) {
        Set<Integer> taken = new HashSet<>();
        taken.add(Cidr.toInt(s.address().address()));
        for (Map<String, Object> p : peers) {
            for (String a : new ConfigValues(p).list("allowed.ips")) {
                try {
                    Cidr cidr = Cidr.parse(a);
                    if (cidr.prefixLength() == 32) taken.add(Cidr.toInt(cidr.address()));
                } catch (IllegalArgumentException e) {
                    // an invalid peer holds no address
                }
            }
        }
        Cidr net = s.tunnelNetwork();
        for (int a = Cidr.toInt(net.network()) + 1; a < Cidr.toInt(net.broadcast()); a++)
            if (!taken.contains(a)) return new Cidr(Cidr.fromInt(a), 32);
        throw new IllegalArgumentException("the tunnel network " + net + " has no free address left");
    }
}
