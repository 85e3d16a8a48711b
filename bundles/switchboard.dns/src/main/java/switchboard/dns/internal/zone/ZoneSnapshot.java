package switchboard.dns.internal.zone;

import java.util.List;
import org.xbill.DNS.Name;
import org.xbill.DNS.Zone;

/**
 * One consistent version of the office zone: {@code internal} has every record, {@code external} only
 * the public ones (built-ins and records marked public) that WAN clients see with split views.
 */
public record ZoneSnapshot(Name origin, long serial, Zone internal, Zone external, List<ZoneEntry> entries) {
    public ZoneSnapshot {
        entries = List.copyOf(entries);
    }
}
