package switchboard.patch.internal;

import java.nio.file.Path;
import org.osgi.framework.BundleContext;

/** The Switchboard home ({@code switchboard.home}, set by the launcher) and the directories this bundle uses. */
final class HomeDirectory {
    private HomeDirectory() {}

    static Path of(BundleContext context) {
        String home = context.getProperty("switchboard.home");
        return Path.of(home == null ? "switchboard-home" : home).toAbsolutePath().normalize();
    }
}
