package switchboard.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Properties;

/**
 * Puts the Switchboard bundles into {@code deploy/} as {@code <symbolic-name>.jar}, where FileInstall
 * installs them and where overwriting a file patches that bundle live. A file is replaced by the one in
 * this distribution only if it is still the one the launcher put there (an admin's patch is kept).
 */
final class DeploySeeder {
    private final Path deploy;
    private final Path record;
    private final Properties seeded = new Properties();

    DeploySeeder(HomeDirectory home) throws IOException {
        this.deploy = home.deploy();
        this.record = home.data().resolve("launcher").resolve("seeded.properties");
        if (Files.exists(record)) {
            try (Reader r = Files.newBufferedReader(record, StandardCharsets.UTF_8)) {
                seeded.load(r);
            }
        }
    }

    void seed(String fileName, InputStream content) throws IOException {
        byte[] bytes = content.readAllBytes();
        Path target = deploy.resolve(fileName);
        String digest = sha256(bytes);
        if (Files.exists(target)) {
            String current = sha256(Files.readAllBytes(target));
            if (current.equals(digest) || !current.equals(seeded.getProperty(fileName))) return;
        }
        Path tmp = deploy.resolve("." + fileName + ".part");
        Files.write(tmp, bytes);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        seeded.setProperty(fileName, digest);
    }

    void save() throws IOException {
        Files.createDirectories(record.getParent());
        try (Writer w = Files.newBufferedWriter(record, StandardCharsets.UTF_8)) {
            seeded.store(w, "bundles the launcher put into deploy/, by content digest");
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
