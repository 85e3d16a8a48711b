package switchboard.patch.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * One zip of a home's {@code etc/} and {@code data/} (without the framework cache, which is rebuilt at every
 * start). State files are written whole and renamed into place, or appended and synced; a file that changes
 * while it is read is read again, so every file in the archive is a version that existed.
 */
final class HomeArchive {
    private static final List<String> PARTS = List.of("etc", "data");
    private static final String FRAMEWORK = "data/framework";
    private static final int READ_ATTEMPTS = 5;

    private final Path home;

    HomeArchive(Path home) {
        this.home = home;
    }

    /** Writes the archive to {@code target} (through a temporary file beside it); returns the number of files. */
    int backup(Path target) throws IOException {
        Path part = target.resolveSibling("." + target.getFileName() + ".part");
        int files = 0;
        try (OutputStream file = Files.newOutputStream(part); ZipOutputStream zip = new ZipOutputStream(file)) {
            for (Path f : files()) {
                if (f.equals(target) || f.equals(part)) continue;
                byte[] content = stableContent(f);
                if (content == null) continue;
                zip.putNextEntry(new ZipEntry(home.relativize(f).toString()));
                zip.write(content);
                zip.closeEntry();
                files++;
            }
        }
        Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return files;
    }

    /** The entries of a backup, checked: only files under etc/ and data/, none in the framework cache, some in etc/. */
    static List<String> entries(Path archive) throws IOException {
        List<String> names = new ArrayList<>();
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            for (ZipEntry e : java.util.Collections.list(zip.entries())) {
                String name = e.getName();
                if (e.isDirectory()) continue;
                if (name.startsWith("/") || name.contains("\\") || Path.of(name).normalize().startsWith("..") || !Path.of(name).normalize().toString().equals(name)
                        || PARTS.stream().noneMatch(p -> name.startsWith(p + "/")) || name.startsWith(FRAMEWORK + "/"))
                    throw new IllegalArgumentException("not a Switchboard backup: entry '" + name + "' is outside etc/ and data/");
                names.add(name);
            }
        } catch (java.util.zip.ZipException e) {
            throw new IllegalArgumentException("not a zip archive: " + e.getMessage());
        }
        if (names.stream().noneMatch(n -> n.startsWith("etc/"))) throw new IllegalArgumentException("not a Switchboard backup: no etc/ in it");
        return names;
    }

    /** Replaces etc/ and data/ (the framework cache excepted) with the archive's content; call {@link #entries} first. */
    void restore(Path archive) throws IOException {
        Set<String> names = new LinkedHashSet<>(entries(archive));
        for (Path f : files()) if (!names.contains(home.relativize(f).toString())) Files.delete(f);
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            for (String name : names) {
                Path target = home.resolve(name);
                Files.createDirectories(target.getParent());
                Path part = target.resolveSibling("." + target.getFileName() + ".restore");
                try (InputStream in = zip.getInputStream(zip.getEntry(name))) {
                    Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
                }
                Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        }
    }

    private List<Path> files() throws IOException {
        List<Path> files = new ArrayList<>();
        for (String p : PARTS) {
            Path dir = home.resolve(p);
            if (!Files.isDirectory(dir)) continue;
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.filter(Files::isRegularFile).filter(f -> !home.relativize(f).startsWith(FRAMEWORK)).sorted(Comparator.naturalOrder()).forEach(files::add);
            }
        }
        return files;
    }

    /** The file's content read while it did not change (size and time stamp the same before and after); null if it vanished. */
    private static byte[] stableContent(Path file) throws IOException {
        for (int attempt = 0; attempt < READ_ATTEMPTS; attempt++) {
            try {
                BasicFileAttributes before = Files.readAttributes(file, BasicFileAttributes.class);
                byte[] content = Files.readAllBytes(file);
                BasicFileAttributes after = Files.readAttributes(file, BasicFileAttributes.class);
                if (before.size() == after.size() && before.lastModifiedTime().equals(after.lastModifiedTime()) && content.length == after.size())
                    return content;
            } catch (java.nio.file.NoSuchFileException e) {
                return null;
            }
        }
        throw new IOException(file + " kept changing while it was read");
    }
}
