package switchboard.vpn.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

/**
 * {@code data/vpn}: a directory only the owner may enter, holding secrets only the owner may read. A file is
 * created with those rights from the start (never readable by others, not even for a moment), synced, then
 * renamed into place.
 */
final class PrivateFiles {
    private final Path dir;

    PrivateFiles(Path dir) throws IOException {
        this.dir = dir;
        if (!Files.isDirectory(dir))
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    }

    Path path(String name) {
        return dir.resolve(name);
    }

    Optional<String> read(String name) throws IOException {
        Path file = dir.resolve(name);
        return Files.exists(file) ? Optional.of(Files.readString(file, StandardCharsets.UTF_8)) : Optional.empty();
    }

    /** Writes the file unless it already holds exactly {@code content}; returns its path. */
    Path write(String name, String content) throws IOException {
        Path target = dir.resolve(name);
        if (read(name).filter(content::equals).isPresent()) return target;
        Path part = dir.resolve("." + name + ".part");
        Files.deleteIfExists(part);
        try (FileChannel channel = FileChannel.open(part, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
            channel.write(StandardCharsets.UTF_8.encode(content));
            channel.force(true);
        }
        Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return target;
    }

    /** Deletes the files whose names start with {@code prefix}, except those named in {@code keep}. */
    void prune(String prefix, Set<String> keep) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, prefix + "*")) {
            for (Path f : files) if (!keep.contains(f.getFileName().toString())) Files.deleteIfExists(f);
        }
    }
}
