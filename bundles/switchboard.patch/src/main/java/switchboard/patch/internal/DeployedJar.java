package switchboard.patch.internal;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Optional;
import org.osgi.framework.Bundle;

/** A bundle's file in {@code deploy/}, where File Install installed it from and updates it from. */
final class DeployedJar {
    private DeployedJar() {}

    /** The file the bundle was installed from, if that is in {@code deploy}. */
    static Optional<Path> of(Bundle bundle, Path deploy) {
        String location = bundle.getLocation();
        if (location == null || !location.startsWith("file:")) return Optional.empty();
        try {
            Path file = Path.of(URI.create(location)).toAbsolutePath().normalize();
            return deploy.equals(file.getParent()) ? Optional.of(file) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * Replaces {@code target} with {@code source} in one rename, with a fresh time stamp, so File Install
     * never reads half a jar and sees the change at its next poll.
     */
    static void replace(Path target, Path source) throws IOException {
        Path part = target.resolveSibling("." + target.getFileName() + ".part");
        Files.copy(source, part, StandardCopyOption.REPLACE_EXISTING);
        Files.setLastModifiedTime(part, FileTime.from(Instant.now()));
        Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
