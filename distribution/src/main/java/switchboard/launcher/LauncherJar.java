package switchboard.launcher;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.jar.JarFile;

/** The executable jar this launcher runs from: it carries the bundles and the default etc/ files. */
final class LauncherJar {
    private LauncherJar() {}

    static JarFile open() throws IOException {
        try {
            return new JarFile(Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toFile());
        } catch (URISyntaxException e) {
            throw new IOException("cannot locate the launcher's jar: " + e.getMessage(), e);
        }
    }
}
