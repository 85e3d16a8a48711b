package switchboard.dns.internal.zone;

import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.TextParseException;

/**
 * The records every office zone has, derived from the network model: SOA and NS at the apex, the MX
 * pointing at this server, and the seed's virtual host names on the WAN or LAN address. {@code ns}
 * (both addresses) is added so that the NS record has an address inside the zone.
 */
public final class BuiltinNames {
    static final long TTL = 300;
    static final long NEGATIVE_TTL = 300;
    static final String NAMESERVER = "ns";
    static final String MAIL = "smtp";

    private enum Side { WAN, LAN, BOTH }

    private static final Map<String, Side> HOSTS = Map.of(
            "www", Side.WAN, "wan", Side.WAN, "corp", Side.LAN, "admin", Side.LAN, "lan", Side.LAN,
            MAIL, Side.BOTH, "pop", Side.BOTH, NAMESERVER, Side.BOTH);

    private BuiltinNames() {}

    /** Whether {@code relative} (a name relative to the zone apex) is a built-in host name. */
    public static boolean isHost(Name relative) {
        return relative.labels() == 1 && HOSTS.containsKey(relative.toString().toLowerCase());
    }

    static List<Record> records(Name origin, Inet4Address lan, Optional<Inet4Address> wan, long serial) {
        Name ns = child(NAMESERVER, origin);
        List<Record> out = new ArrayList<>();
        out.add(new SOARecord(origin, DClass.IN, TTL, ns, child("hostmaster", origin), serial, 3600, 600, 604800, NEGATIVE_TTL));
        out.add(new NSRecord(origin, DClass.IN, TTL, ns));
        out.add(new MXRecord(origin, DClass.IN, TTL, 10, child(MAIL, origin)));
        HOSTS.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(host -> {
            Name name = child(host.getKey(), origin);
            if (host.getValue() != Side.LAN) wan.ifPresent(address -> out.add(new ARecord(name, DClass.IN, TTL, address)));
            if (host.getValue() != Side.WAN) out.add(new ARecord(name, DClass.IN, TTL, lan));
        });
        return out;
    }

    static Name child(String label, Name origin) {
        try {
            return Name.fromString(label, origin);
        } catch (TextParseException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
