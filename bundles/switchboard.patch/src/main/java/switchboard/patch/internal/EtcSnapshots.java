package switchboard.patch.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Every version of every configuration file in {@code etc/}: {@code data/config-history/<file>/<n>.cfg}, or
 * {@code <n>.deleted} when the file was removed, numbered from 1 in the order they were seen.
 */
final class EtcSnapshots {
    private static final Pattern PID = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.~\\-]*");
    private static final String DELETED = ".deleted";

    /** One version: its number, when it was recorded, its content (empty when the file was deleted). */
    record Snapshot(int number, Instant recorded, Optional<String> content) {}

    private final Path etc;
    private final Path history;

    EtcSnapshots(Path etc, Path history) throws IOException {
        this.etc = etc;
        this.history = Files.createDirectories(history);
    }

    /** Snapshots every configuration file in etc/ that changed since its last snapshot. */
    void snapshotAll() throws IOException {
        if (!Files.isDirectory(etc)) return;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(etc, "*.cfg")) {
            for (Path f : files) snapshot(f.getFileName().toString());
        }
    }

    /** Records the file's content, or its absence, when that differs from the last snapshot; true if recorded. */
    synchronized boolean snapshot(String fileName) throws IOException {
        if (fileName.startsWith(".") || !fileName.endsWith(".cfg")) return false;
        Path file = etc.resolve(fileName);
        Optional<String> content = Files.isRegularFile(file) ? Optional.of(Files.readString(file, StandardCharsets.UTF_8)) : Optional.empty();
        List<Snapshot> known = history(fileName.substring(0, fileName.length() - ".cfg".length()));
        Optional<String> last = known.isEmpty() ? Optional.empty() : known.get(known.size() - 1).content();
        if (last.equals(content)) return false;
        Path dir = Files.createDirectories(history.resolve(fileName));
        int next = known.isEmpty() ? 1 : known.get(known.size() - 1).number() + 1;
        Path part = dir.resolve(".part");
        Files.writeString(part, content.orElse(""), StandardCharsets.UTF_8);
        Files.move(part, dir.resolve(next + (content.isPresent() ? ".cfg" : DELETED)), StandardCopyOption.ATOMIC_MOVE);
        return true;
    }

    /** The versions of {@code etc/<pid>.cfg}, oldest first. */
    List<Snapshot> history(String pid) throws IOException {
        Path dir = history.resolve(checked(pid) + ".cfg");
        List<Snapshot> snapshots = new ArrayList<>();
        if (!Files.isDirectory(dir)) return snapshots;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "[0-9]*")) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                boolean deleted = name.endsWith(DELETED);
                int number = Integer.parseInt(name.substring(0, name.indexOf('.')));
                Optional<String> content = deleted ? Optional.empty() : Optional.of(Files.readString(f, StandardCharsets.UTF_8));
                snapshots.add(new Snapshot(number, Files.getLastModifiedTime(f).toInstant(), content));
            }
        }
        snapshots.sort((a, b) -> Integer.compare(a.number(), b.number()));
        return snapshots;
    }

    /** Puts version {@code number} back into etc/ (File Install then applies it, and it becomes the newest version). */
    Snapshot restore(String pid, int number) throws IOException {
        Snapshot snapshot = history(pid).stream().filter(s -> s.number() == number).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no version " + number + " of " + pid + " (see sb:config-history " + pid + ")"));
        Path file = etc.resolve(pid + ".cfg");
        if (snapshot.content().isEmpty()) {
            Files.deleteIfExists(file);
        } else {
            Path part = etc.resolve("." + pid + ".cfg.part");
            Files.writeString(part, snapshot.content().get(), StandardCharsets.UTF_8);
            Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        snapshot(pid + ".cfg");
        return snapshot;
    }

    private static String checked(String pid) {
        if (pid == null || !PID.matcher(pid).matches())
            throw new IllegalArgumentException("'" + pid + "' is not a configuration PID, e.g. switchboard.dns");
        return pid;
    }
}
