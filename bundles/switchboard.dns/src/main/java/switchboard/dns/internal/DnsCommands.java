package switchboard.dns.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.felix.service.command.Descriptor;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import switchboard.api.config.InvalidConfigurationException;
import switchboard.dns.internal.server.DnsStats;
import switchboard.dns.internal.zone.MasterFileImport;
import switchboard.dns.internal.zone.ZoneEntry;
import switchboard.dns.internal.zone.ZoneSnapshot;

/** The {@code dns:} shell commands. */
@Component(service = DnsCommands.class, property = {
        "osgi.command.scope=dns", "osgi.command.function=records", "osgi.command.function=add",
        "osgi.command.function=remove", "osgi.command.function=flush", "osgi.command.function=stats",
        "osgi.command.function=import", "osgi.command.function=export"})
public class DnsCommands {
    private final StaticRecordAdmin records;
    private final OfficeZoneComponent zone;
    private final DnsServerComponent server;

    @Activate
    public DnsCommands(@Reference ConfigurationAdmin configurationAdmin, @Reference OfficeZoneComponent zone, BundleContext context,
            @Reference DnsServerComponent server) {
        this.records = new StaticRecordAdmin(configurationAdmin, zone.zone(), Path.of(context.getProperty("switchboard.home"), "etc"));
        this.zone = zone;
        this.server = server;
    }

    @Descriptor("every record of the zone: kind (built-in, static, dynamic), public or internal, and the record")
    public String records() {
        ZoneSnapshot snapshot = zone.zone().snapshot();
        StringBuilder out = new StringBuilder("zone " + snapshot.origin() + " serial " + snapshot.serial() + "\n");
        snapshot.entries().stream().sorted(Comparator.comparing((ZoneEntry e) -> e.kind()).thenComparing(e -> e.record().getName()))
                .forEach(e -> out.append(String.format("%-9s %-8s %s%n", e.kind().name().toLowerCase().replace('_', '-'),
                        e.isPublic() ? "public" : "internal", e.record())));
        return out.toString();
    }

    @Descriptor("add a static record, e.g. dns:add pbx A 192.168.2.10, or dns:add _sip._udp SRV \"10 5 5060 pbx\" 3600 true")
    public String add(@Descriptor("name, relative to the zone or absolute with a final dot") String name,
            @Descriptor("A, AAAA, CNAME, MX, TXT or SRV") String type, @Descriptor("record data") String value) throws IOException {
        return add(name, type, value, 3600, false);
    }

    @Descriptor("add a static record with its TTL and whether WAN clients see it")
    public String add(@Descriptor("name") String name, @Descriptor("type") String type, @Descriptor("record data") String value,
            @Descriptor("TTL in seconds") long ttl, @Descriptor("public: true shows it to WAN clients") boolean isPublic) throws IOException {
        try {
            String pid = records.add(Map.of("name", name, "type", type, "value", value, "ttl", String.valueOf(ttl), "public", String.valueOf(isPublic)));
            return "Added " + name + " " + type.toUpperCase() + " " + value + " (" + pid + ").";
        } catch (InvalidConfigurationException e) {
            return "Refused: " + e.getMessage();
        }
    }

    @Descriptor("remove the static records with this name and type")
    public String remove(@Descriptor("name") String name, @Descriptor("type") String type) throws IOException {
        int removed = records.remove(name, type);
        return removed == 0 ? "No static " + type.toUpperCase() + " record named " + name + "." : "Removed " + removed + " record(s).";
    }

    @Descriptor("empty the resolver's cache")
    public String flush() {
        return "Flushed " + server.server().flush() + " cached answer(s).";
    }

    @Descriptor("queries, cache hit rate, answers by RCODE")
    public String stats() {
        DnsStats s = server.stats();
        long lookups = s.cacheHits() + s.cacheMisses();
        return String.format("queries %d%ncache entries %d, hits %d, misses %d, hit rate %s%nanswers %s%n", s.queries(),
                server.server().cacheSize(), s.cacheHits(), s.cacheMisses(),
                lookups == 0 ? "-" : String.format("%.1f%%", 100.0 * s.cacheHits() / lookups), s.answersByRcode());
    }

    /** Gogo maps the {@code import} function name to this method ({@code import} is a Java keyword). */
    @Descriptor("import an RFC 1035 master file as static records")
    public String _import(@Descriptor("path of the master file") String file) throws IOException {
        MasterFileImport.Result result = MasterFileImport.read(Path.of(file), zone.zone().snapshot().origin());
        List<String> refused = new ArrayList<>();
        for (Map<String, Object> record : result.records()) {
            try {
                records.add(record);
            } catch (InvalidConfigurationException e) {
                refused.add(record.get("name") + " " + record.get("type") + ": " + e.getMessage());
            }
        }
        StringBuilder out = new StringBuilder("Imported " + (result.records().size() - refused.size()) + " record(s).\n");
        result.skipped().forEach(s -> out.append("skipped ").append(s).append('\n'));
        refused.forEach(s -> out.append("refused ").append(s).append('\n'));
        return out.toString();
    }

    @Descriptor("the live zone (internal view) as an RFC 1035 master file")
    public String export() {
        return zone.zone().snapshot().internal().toMasterFile();
    }
}
