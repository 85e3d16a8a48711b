package switchboard.patch.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.osgi.framework.Version;

/**
 * {@code data/patches/}: a copy of every bundle version that ran ({@code <bsn>/<version>-<digest>.jar}), so
 * any of them can be put back, and the history file, one {@link PatchRecord} a line, synced on every append.
 */
final class PatchStore {
    private final Path dir;
    private final Path history;

    PatchStore(Path dir) throws IOException {
        this.dir = Files.createDirectories(dir);
        this.history = dir.resolve("history");
    }

    /** Copies {@code jar} into the store (once per content); returns its path relative to the store. */
    synchronized String keep(String bsn, Version version, Path jar) throws IOException {
        Path bundleDir = Files.createDirectories(dir.resolve(bsn));
        Path part = bundleDir.resolve(".incoming");
        String digest;
        try (InputStream in = new DigestInputStream(Files.newInputStream(jar), sha256())) {
            Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
            digest = HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest()).substring(0, 12);
        }
        Path kept = bundleDir.resolve(version + "-" + digest + ".jar");
        if (Files.exists(kept)) Files.delete(part);
        else Files.move(part, kept, StandardCopyOption.ATOMIC_MOVE);
        return dir.relativize(kept).toString();
    }

    Path resolve(String previousJar) {
        return dir.resolve(previousJar);
    }

    synchronized void record(PatchRecord record) throws IOException {
        try (FileChannel out = FileChannel.open(history, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            out.write(StandardCharsets.UTF_8.encode(record.line() + "\n"));
            out.force(false);
        }
    }

    synchronized List<PatchRecord> history() throws IOException {
        List<PatchRecord> records = new ArrayList<>();
        if (!Files.exists(history)) return records;
        for (String line : Files.readAllLines(history, StandardCharsets.UTF_8)) PatchRecord.parse(line).ifPresent(records::add);
        return records;
    }

    /** The last accepted patch of {@code bsn} that brought it to {@code version}: what sb:rollback undoes. */
    Optional<PatchRecord> lastAccepted(String bsn, Version version) throws IOException {
        List<PatchRecord> records = history();
        for (int i = records.size() - 1; i >= 0; i--) {
            PatchRecord r = records.get(i);
            if (r.bundle().equals(bsn) && r.result() == PatchRecord.Result.ACCEPTED && r.to().equals(version.toString())
                    && !r.previousJar().equals("-")) return Optional.of(r);
        }
        return Optional.empty();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
