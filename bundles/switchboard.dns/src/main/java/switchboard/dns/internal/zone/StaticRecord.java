package switchboard.dns.internal.zone;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.NameTooLongException;
import org.xbill.DNS.Record;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;
import switchboard.api.config.ConfigValues;
import switchboard.api.config.InvalidConfigurationException;

/**
 * A record the admin added (factory PID {@code switchboard.dns.record}). The name is kept relative to
 * the zone apex, so a change of the office domain moves the record with it.
 *
 * @param relativeName the owner relative to the apex ({@code @} is the apex itself)
 * @param rdata        the record data in master-file syntax; relative names in it are below the apex
 */
public record StaticRecord(Name relativeName, int type, long ttl, String rdata, boolean isPublic) {
    public static final String FACTORY_PID = "switchboard.dns.record";
    public static final long MIN_TTL = 30;
    public static final long MAX_TTL = 604800;
    static final Set<Integer> TYPES = Set.of(Type.A, Type.AAAA, Type.CNAME, Type.MX, Type.TXT, Type.SRV);

    /** Reads and checks one factory configuration against the zone {@code origin}. */
    public static StaticRecord parse(Map<String, ?> properties, Name origin) throws InvalidConfigurationException {
        ConfigValues v = new ConfigValues(properties);
        Name relative = relativeName(v.string("name", ""), origin);
        String typeText = v.string("type", "");
        int type = Type.value(typeText.toUpperCase());
        if (!TYPES.contains(type))
            throw new InvalidConfigurationException("type", "'" + typeText + "' is not one of A, AAAA, CNAME, MX, TXT, SRV");
        long ttl = v.integer("ttl", 3600, (int) MIN_TTL, (int) MAX_TTL);
        String rdata = v.string("value", "");
        if (rdata.isEmpty()) throw new InvalidConfigurationException("value", "the record data is missing");
        StaticRecord record = new StaticRecord(relative, type, ttl, rdata, v.bool("public", false));
        try {
            record.toRecord(origin);
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidConfigurationException("value", "'" + rdata + "' is not valid " + Type.string(type) + " data: " + e.getMessage());
        }
        return record;
    }

    static Name relativeName(String text, Name origin) throws InvalidConfigurationException {
        if (text.isEmpty()) throw new InvalidConfigurationException("name", "the name is missing");
        try {
            if (text.equals("@")) return Name.empty;
            if (!text.endsWith(".")) {
                Name.concatenate(Name.fromString(text), origin);
                return Name.fromString(text);
            }
            Name absolute = Name.fromString(text);
            if (!absolute.subdomain(origin))
                throw new InvalidConfigurationException("name", "'" + text + "' is outside the zone " + origin);
            return absolute.relativize(origin);
        } catch (TextParseException | NameTooLongException e) {
            throw new InvalidConfigurationException("name", "'" + text + "' is not a DNS name: " + e.getMessage());
        }
    }

    /** The record at its place below {@code origin}. */
    public Record toRecord(Name origin) throws IOException {
        Name owner = relativeName.equals(Name.empty) ? origin : Name.concatenate(relativeName, origin);
        return Record.fromString(owner, type, DClass.IN, ttl, rdata, origin);
    }

    /** The configuration properties that describe this record. */
    public Map<String, Object> properties() {
        return Map.of("name", relativeName.equals(Name.empty) ? "@" : relativeName.toString(), "type", Type.string(type),
                "value", rdata, "ttl", String.valueOf(ttl), "public", String.valueOf(isPublic));
    }
}
