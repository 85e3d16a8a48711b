package switchboard.firewall.internal.apply;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import org.osgi.framework.BundleContext;

/** {@code data/firewall} under the Switchboard home, with files replaced durably: written, fsynced, then renamed. */
final class DataDirectory {
    private final Path dir;

    DataDirectory(Path dir) throws IOException {
        this.dir = Files.createDirectories(dir);
    }

    static DataDirectory of(BundleContext context) throws IOException {
        String home = context.getProperty("switchboard.home");
        return new DataDirectory(Path.of(home == null ? "switchboard-home" : home).toAbsolutePath().resolve("data").resolve("firewall"));
    }

    Optional<String> read(String name) throws IOException {
        Path file = dir.resolve(name);
        return Files.exists(file) ? Optional.of(Files.readString(file, StandardCharsets.UTF_8)) : Optional.empty();
    }

    void write(String name, String content) throws IOException {
        Path part = dir.resolve(name + ".part");
        try (FileChannel channel = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            channel.write(StandardCharsets.UTF_8.encode(content));
            channel.force(true);
        }
        Files.move(part, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
            directory.force(true);
        }
    }
}
