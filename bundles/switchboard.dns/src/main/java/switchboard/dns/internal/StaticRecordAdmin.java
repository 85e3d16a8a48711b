package switchboard.dns.internal;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.UUID;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;
import switchboard.api.config.InvalidConfigurationException;
import switchboard.dns.internal.zone.OfficeZone;
import switchboard.dns.internal.zone.StaticRecord;

/**
 * Adds and removes the admin's static records as files {@code etc/switchboard.dns.record-ALIAS.cfg},
 * the same files an admin may write by hand, so the shell, the console and {@code etc/} all edit one
 * thing and records survive restarts. A record is checked first and served at once; the file watcher
 * then delivers the same record as factory configuration {@code switchboard.dns.record~ALIAS}.
 */
final class StaticRecordAdmin {
    private static final String FILE_PROPERTY = "felix.fileinstall.filename";

    private final ConfigurationAdmin configurationAdmin;
    private final OfficeZone zone;
    private final Path etc;

    StaticRecordAdmin(ConfigurationAdmin configurationAdmin, OfficeZone zone, Path etc) {
        this.configurationAdmin = configurationAdmin;
        this.zone = zone;
        this.etc = etc;
    }

    /** Writes the record's file; returns its PID. */
    String add(Map<String, Object> properties) throws InvalidConfigurationException, IOException {
        StaticRecord record = zone.check(null, properties);
        String alias = (record.relativeName().equals(Name.empty) ? "apex" : record.relativeName().toString().replace('_', '-'))
                + "-" + Type.string(record.type()).toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8);
        StringBuilder text = new StringBuilder("# DNS record, added by the administrator\n");
        record.properties().forEach((k, v) -> text.append(k).append(" = ").append(v.toString().replace("\\", "\\\\")).append('\n'));
        Path part = etc.resolve("." + alias + ".part");
        Files.writeString(part, text, StandardCharsets.UTF_8);
        Files.move(part, etc.resolve(StaticRecord.FACTORY_PID + "-" + alias + ".cfg"), StandardCopyOption.ATOMIC_MOVE);
        String pid = StaticRecord.FACTORY_PID + "~" + alias;
        zone.putStatic(pid, record.properties());
        zone.publishPending();
        return pid;
    }

    /** Removes the static records with this name and type; returns how many. */
    int remove(String name, String type) throws IOException {
        int removed = 0;
        for (Map.Entry<String, StaticRecord> e : zone.statics().entrySet()) {
            StaticRecord r = e.getValue();
            String shown = r.relativeName().equals(Name.empty) ? "@" : r.relativeName().toString();
            if (shown.equalsIgnoreCase(name) && Type.string(r.type()).equalsIgnoreCase(type) && delete(e.getKey())) removed++;
        }
        return removed;
    }

    /** Removes the static record {@code pid} and its file; false when there is none. */
    boolean delete(String pid) throws IOException {
        if (!zone.statics().containsKey(pid)) return false;
        zone.removeStatic(pid);
        zone.publishPending();
        Path file = etc.resolve(pid.replace('~', '-') + ".cfg");
        Configuration configuration = configuration(pid);
        Object recorded = configuration == null || configuration.getProperties() == null ? null : configuration.getProperties().get(FILE_PROPERTY);
        if (recorded != null) file = Path.of(URI.create(recorded.toString()));
        if (!Files.deleteIfExists(file) && configuration != null) configuration.delete();
        return true;
    }

    private Configuration configuration(String pid) throws IOException {
        try {
            Configuration[] found = configurationAdmin.listConfigurations("(" + Constants.SERVICE_PID + "=" + pid + ")");
            return found == null ? null : found[0];
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException("'" + pid + "' is not a PID", e);
        }
    }
}
