package switchboard.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/** The home layout: {@code etc/} (one file per PID), {@code deploy/}, {@code data/}, {@code log/}. */
final class HomeDirectory {
    /** Where the jar keeps the default configuration files, one per PID, written when missing. */
    private static final String DEFAULT_ETC = "etc-defaults/";

    private final Path root;

    HomeDirectory(Path root) {
        this.root = root;
    }

    Path root() {
        return root;
    }

    Path etc() {
        return root.resolve("etc");
    }

    Path deploy() {
        return root.resolve("deploy");
    }

    Path data() {
        return root.resolve("data");
    }

    Path log() {
        return root.resolve("log");
    }

    /** Creates what is missing and proves every directory writable; never overwrites an admin's file. */
    void prepare(String profile) throws IOException {
        for (Path dir : List.of(etc(), deploy(), data(), log())) {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".write-test", "");
            Files.delete(probe);
        }
        try (JarFile jar = LauncherJar.open()) {
            for (JarEntry entry : Collections.list(jar.entries())) {
                String name = entry.getName();
                if (!name.startsWith(DEFAULT_ETC) || entry.isDirectory()) continue;
                Path target = etc().resolve(name.substring(DEFAULT_ETC.length()));
                if (Files.exists(target)) continue;
                try (InputStream in = jar.getInputStream(entry)) {
                    String template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    Files.writeString(target, ProfileDefaults.render(template, profile), StandardCharsets.UTF_8);
                }
            }
        }
    }
}
