package switchboard.dns.internal;

import java.io.IOException;
import java.util.Hashtable;
import java.util.Map;
import java.util.UUID;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;
import switchboard.api.config.InvalidConfigurationException;
import switchboard.dns.internal.zone.OfficeZone;
import switchboard.dns.internal.zone.StaticRecord;

/**
 * Adds and removes the admin's static records as factory configurations, so the shell, the console
 * and files in {@code etc/} all edit the same thing. A record is checked before it is written.
 */
final class StaticRecordAdmin {
    private final ConfigurationAdmin configurationAdmin;
    private final OfficeZone zone;

    StaticRecordAdmin(ConfigurationAdmin configurationAdmin, OfficeZone zone) {
        this.configurationAdmin = configurationAdmin;
        this.zone = zone;
    }

    /** Writes the record's configuration; returns its PID. */
    String add(Map<String, Object> properties) throws InvalidConfigurationException, IOException {
        StaticRecord record = zone.check(null, properties);
        String alias = (record.relativeName().equals(Name.empty) ? "apex" : record.relativeName().toString().replace('_', '-'))
                + "-" + Type.string(record.type()).toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8);
        Configuration configuration = configurationAdmin.getFactoryConfiguration(StaticRecord.FACTORY_PID, alias, "?");
        configuration.update(new Hashtable<>(record.properties()));
        zone.putStatic(configuration.getPid(), record.properties());
        return configuration.getPid();
    }

    /** Deletes the configurations of the static records with this name and type; returns how many. */
    int remove(String name, String type) throws IOException {
        int removed = 0;
        for (Map.Entry<String, StaticRecord> e : zone.statics().entrySet()) {
            StaticRecord r = e.getValue();
            String shown = r.relativeName().equals(Name.empty) ? "@" : r.relativeName().toString();
            if (shown.equalsIgnoreCase(name) && Type.string(r.type()).equalsIgnoreCase(type)) {
                Configuration configuration = configurationAdmin.getConfiguration(e.getKey(), "?");
                configuration.delete();
                zone.removeStatic(e.getKey());
                removed++;
            }
        }
        return removed;
    }
}
