package switchboard.core.internal.status;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import switchboard.api.config.InvalidConfigurationException;
import switchboard.core.internal.config.ConfigFileSyntax;

/**
 * Whether every readable file in {@code etc/} has reached Config Admin, so that the start-up table shows
 * services on their configured ports rather than on defaults they are about to leave.
 */
final class EtcApplied {
    private static final String FILE_PROPERTY = "felix.fileinstall.filename";
    /** Read by the launcher itself, never by File Install. */
    private static final String LAUNCHER_FILE = "org.apache.felix.http.cfg";

    private EtcApplied() {}

    static boolean check(Path etc, ConfigurationAdmin configurations) {
        try {
            Set<String> applied = new HashSet<>();
            Configuration[] all = configurations.listConfigurations("(" + FILE_PROPERTY + "=*)");
            if (all != null)
                for (Configuration c : all)
                    applied.add(Path.of(URI.create(String.valueOf(c.getProperties().get(FILE_PROPERTY)))).getFileName().toString());
            try (DirectoryStream<Path> files = Files.newDirectoryStream(etc, "*.cfg")) {
                for (Path file : files) {
                    String name = file.getFileName().toString();
                    if (!name.equals(LAUNCHER_FILE) && !applied.contains(name) && readable(file)) return false;
                }
            }
            return true;
        } catch (IOException | InvalidSyntaxException | IllegalArgumentException e) {
            return true;
        }
    }

    /** An unparsable file never reaches Config Admin; it is reported as a configuration problem instead. */
    private static boolean readable(Path file) throws IOException {
        try {
            ConfigFileSyntax.check(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
            return true;
        } catch (InvalidConfigurationException e) {
            return false;
        }
    }
}
