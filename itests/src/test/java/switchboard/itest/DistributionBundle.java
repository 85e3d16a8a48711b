package switchboard.itest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.osgi.framework.Constants;
import org.osgi.framework.Version;

/** One jar of the distribution's resolved {@code -runbundles}, as the executable jar embeds them. */
record DistributionBundle(Path jar, String symbolicName, Version version, boolean fragment) {
    /** Set by the build: a copy of {@code distribution/target/classes/bundles}. */
    static final String DIRECTORY_PROPERTY = "switchboard.itest.bundles";

    static List<DistributionBundle> all() {
        Path directory = Path.of(System.getProperty(DIRECTORY_PROPERTY, "target/distribution-bundles"));
        try (Stream<Path> files = Files.list(directory)) {
            List<DistributionBundle> bundles = files.filter(f -> f.toString().endsWith(".jar")).sorted().map(DistributionBundle::read).toList();
            if (bundles.isEmpty()) throw new IllegalStateException("no bundles in " + directory + ": build the distribution first");
            return bundles;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the distribution's bundles in " + directory, e);
        }
    }

    private static DistributionBundle read(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            Attributes headers = file.getManifest().getMainAttributes();
            String symbolicName = headers.getValue(Constants.BUNDLE_SYMBOLICNAME).split(";")[0].trim();
            return new DistributionBundle(jar.toAbsolutePath(), symbolicName,
                    Version.parseVersion(headers.getValue(Constants.BUNDLE_VERSION)),
                    headers.getValue(Constants.FRAGMENT_HOST) != null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the manifest of " + jar, e);
        }
    }

    String location() {
        return jar.toUri().toString();
    }

    /** The launcher's start levels: SPI Fly before slf4j binds its provider, slf4j before everything that logs. */
    int launcherStartLevel() {
        if (symbolicName.startsWith("org.apache.aries.spifly") || symbolicName.startsWith("org.objectweb.asm")) return 1;
        return symbolicName.startsWith("slf4j.") ? 2 : 3;
    }
}
