package switchboard.core.internal.accounts;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The account file in {@code data/accounts/}, replaced atomically (write, fsync, rename) on every change. */
final class AccountFile {
    private final Path file;

    AccountFile(Path directory) {
        this.file = directory.resolve("users");
    }

    Map<String, StoredAccount> load() throws IOException {
        Map<String, StoredAccount> accounts = new LinkedHashMap<>();
        if (!Files.exists(file)) return accounts;
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#")) continue;
            try {
                StoredAccount a = StoredAccount.parse(line);
                accounts.put(a.name(), a);
            } catch (IllegalArgumentException e) {
                throw new IOException(file + " line " + (i + 1) + ": " + e.getMessage());
            }
        }
        return accounts;
    }

    void save(Collection<StoredAccount> accounts) throws IOException {
        String content = "# name;role;extension;password hash\n"
                + accounts.stream().map(StoredAccount::line).collect(Collectors.joining("\n", "", "\n"));
        writeAtomically(file, content);
    }

    /** Owner-only file, synced before it replaces the old one. */
    static void writeAtomically(Path target, String content) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            ch.write(StandardCharsets.UTF_8.encode(content));
            ch.force(true);
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
