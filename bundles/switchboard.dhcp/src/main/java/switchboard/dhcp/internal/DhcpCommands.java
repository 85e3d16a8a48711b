package switchboard.dhcp.internal;

import java.io.IOException;
import java.net.Inet4Address;
import java.time.Instant;
import java.util.Comparator;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.felix.service.command.Descriptor;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import switchboard.api.network.Cidr;

/** The {@code dhcp:} shell commands. */
@Component(service = DhcpCommands.class, property = {
        "osgi.command.scope=dhcp", "osgi.command.function=leases", "osgi.command.function=release",
        "osgi.command.function=reserve", "osgi.command.function=stats"})
public class DhcpCommands {
    private final DhcpServer server;
    private final ConfigurationAdmin configurations;

    @Activate
    public DhcpCommands(@Reference DhcpServer server, @Reference ConfigurationAdmin configurations) {
        this.server = server;
        this.configurations = configurations;
    }

    @Descriptor("current leases: address, MAC, host name, state and expiry")
    public String leases() {
        List<Lease> leases = server.leases();
        leases.sort(Comparator.comparing(l -> Integer.toUnsignedLong(Cidr.toInt(l.address()))));
        StringBuilder out = new StringBuilder(String.format("%-16s %-18s %-20s %-9s %s%n", "ADDRESS", "MAC", "HOSTNAME", "STATE", "EXPIRES"));
        long now = System.currentTimeMillis();
        for (Lease l : leases) {
            String state = l.state() == Lease.State.BOUND && !l.boundAt(now) ? "expired" : l.state().name().toLowerCase();
            out.append(String.format("%-16s %-18s %-20s %-9s %s%n", l.address().getHostAddress(), l.mac(),
                    l.hostname().isEmpty() ? "-" : l.hostname(), state, Instant.ofEpochMilli(l.expiresAt())));
        }
        return out.toString();
    }

    @Descriptor("end the lease on an address now, as if the client had released it")
    public String release(@Descriptor("leased address, e.g. 192.168.2.7") String address) throws IOException {
        Inet4Address a = Cidr.parseIpv4(address);
        Optional<Lease> released = server.release(a);
        return released.map(l -> "Released " + address + " (" + l.mac() + ").").orElse("No active lease on " + address + ".");
    }

    @Descriptor("reserve an address for a MAC address (stored as a switchboard.dhcp.reservation configuration)")
    public String reserve(@Descriptor("MAC address, e.g. 02:00:5e:10:20:30") String mac,
            @Descriptor("address in the LAN") String address) throws IOException {
        return reserve(mac, address, "");
    }

    @Descriptor("reserve an address and a DNS host name for a MAC address")
    public String reserve(@Descriptor("MAC address") String mac, @Descriptor("address in the LAN") String address,
            @Descriptor("host name, one DNS label") String hostname) throws IOException {
        Reservation r;
        try {
            r = Reservation.parse(mac, address, hostname);
        } catch (IllegalArgumentException e) {
            return "Not reserved: " + e.getMessage();
        }
        Configuration c = configurations.getFactoryConfiguration(ReservationConfig.FACTORY_PID, r.mac().replace(":", ""), "?");
        Hashtable<String, Object> props = new Hashtable<>(Map.of("mac", r.mac(), "address", r.address().getHostAddress(), "hostname", r.hostname()));
        c.update(props);
        return "Reserved " + r.address().getHostAddress() + " for " + r.mac() + (r.hostname().isEmpty() ? "" : " (" + r.hostname() + ")")
                + "; sb:status shows a problem if it conflicts.";
    }

    @Descriptor("counters of the DHCP server, other DHCP servers seen, probe and DNS state")
    public String stats() {
        StringBuilder out = new StringBuilder();
        out.append("serving: ").append(server.plan().map(p -> p.interfaceName() + " port " + p.port()
                + ", pool " + Cidr.fromInt(p.poolStart()).getHostAddress() + "-" + Cidr.fromInt(p.poolEnd()).getHostAddress()).orElse("off")).append('\n');
        server.stats().counters().forEach((name, n) -> out.append(name).append(": ").append(n).append('\n'));
        out.append("leases on record: ").append(server.leases().size()).append('\n');
        out.append("address probe: ").append(server.probeDescription()).append('\n');
        out.append("DNS registration: ").append(server.dnsConnected() ? "connected" : "DNS not running").append('\n');
        server.foreignServers().forEach((id, seen) ->
                out.append("WARNING other DHCP server ").append(id.getHostAddress()).append(" seen ").append(Instant.ofEpochMilli(seen)).append('\n'));
        return out.toString();
    }
}
