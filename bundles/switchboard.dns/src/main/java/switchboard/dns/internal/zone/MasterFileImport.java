package switchboard.dns.internal.zone;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.xbill.DNS.Master;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * Reads an RFC 1035 master file as static records of the office zone. The apex SOA and NS belong to
 * the built-ins and are skipped, as are names outside the zone and types Switchboard does not serve.
 */
public final class MasterFileImport {
    /** The records to add, as configuration properties, and one line per record left out. */
    public record Result(List<Map<String, Object>> records, List<String> skipped) {}

    private MasterFileImport() {}

    public static Result read(Path file, Name origin) throws IOException {
        List<Map<String, Object>> records = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        try (Master master = new Master(file.toString(), origin)) {
            for (Record r = master.nextRecord(); r != null; r = master.nextRecord()) {
                if (!r.getName().subdomain(origin)) skipped.add(r + " (outside " + origin + ")");
                else if (!StaticRecord.TYPES.contains(r.getType())) {
                    if (!(r.getName().equals(origin) && (r.getType() == Type.SOA || r.getType() == Type.NS)))
                        skipped.add(r + " (type " + Type.string(r.getType()) + " is not served)");
                } else {
                    Name relative = r.getName().equals(origin) ? Name.empty : r.getName().relativize(origin);
                    long ttl = Math.max(StaticRecord.MIN_TTL, Math.min(StaticRecord.MAX_TTL, r.getTTL()));
                    records.add(new StaticRecord(relative, r.getType(), ttl, r.rdataToString(), false).properties());
                }
            }
        }
        return new Result(records, skipped);
    }
}
