package switchboard.core.internal.home;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.osgi.framework.BundleContext;

/** The Switchboard home directory ({@code switchboard.home}), with {@code etc/ deploy/ data/ log/}. */
public final class Home {
    public static final String PROPERTY = "switchboard.home";

    private Home() {}

    public static Path root(BundleContext context) {
        String home = context.getProperty(PROPERTY);
        return Path.of(home == null ? "switchboard-home" : home).toAbsolutePath();
    }

    /** {@code data/<name>}, created if missing. */
    public static Path dataDir(BundleContext context, String name) throws IOException {
        return Files.createDirectories(root(context).resolve("data").resolve(name));
    }
}
