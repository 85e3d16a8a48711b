package switchboard.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The home layout: {@code etc/} (one file per PID), {@code deploy/}, {@code data/}, {@code log/}. */
final class HomeDirectory {
    /** The default configuration files written on first start, from {@code etc-defaults/} in this jar. */
    static final List<String> DEFAULT_ETC = List.of(
            "switchboard.network.cfg", "switchboard.broker.cfg", "switchboard.host.cfg",
            "switchboard.firewall.cfg", "switchboard.wan.cfg",
            "org.apache.felix.http.cfg", "org.apache.felix.hc.core.impl.servlet.HealthCheckExecutorServlet.cfg");

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
        for (String name : DEFAULT_ETC) {
            Path target = etc().resolve(name);
            if (Files.exists(target)) continue;
            try (InputStream in = HomeDirectory.class.getResourceAsStream("/etc-defaults/" + name)) {
                if (in == null) throw new IOException("default " + name + " missing from the distribution");
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("@PROFILE@", profile)
                        .replace("@APPLY@", String.valueOf(profile.equals("appliance")));
                Files.writeString(target, text, StandardCharsets.UTF_8);
            }
        }
    }
}
