package switchboard.systemtests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * A home directory for one test, written before the first start: the console on a free loopback port,
 * and host changes as a dry run, so that a test run as root never touches this machine's network.
 */
final class SwitchboardHome {
    static final String HTTP_PID = "org.apache.felix.http";
    static final String NETWORK_PID = "switchboard.network";

    private final Path root;
    private final int consolePort;

    private SwitchboardHome(Path root, int consolePort) {
        this.root = root;
        this.consolePort = consolePort;
    }

    static SwitchboardHome create(Path root) {
        SwitchboardHome home = new SwitchboardHome(root, FreePort.pick());
        home.writeConfig(HTTP_PID, "org.apache.felix.http.host = 127.0.0.1\norg.osgi.service.http.port = " + home.consolePort + "\n");
        home.writeConfig("switchboard.host", "apply = false\n");
        return home;
    }

    Path root() {
        return root;
    }

    int consolePort() {
        return consolePort;
    }

    Path log() {
        return root.resolve("log").resolve("switchboard.log");
    }

    Path accountFile() {
        return root.resolve("data").resolve("accounts").resolve("users");
    }

    Path initialAdminPasswordFile() {
        return root.resolve("data").resolve("initial-admin-password");
    }

    String initialAdminPassword() {
        return TextFile.read(initialAdminPasswordFile()).strip();
    }

    List<String> logLines() {
        return TextFile.read(log()).lines().toList();
    }

    /** Replaces {@code etc/<pid>.cfg} in one step, so the file watcher never sees half a file. */
    void writeConfig(String pid, String content) {
        writeConfig(root, pid, content);
    }

    /** As {@link #writeConfig(String, String)}, in the home at {@code root}. */
    static void writeConfig(Path root, String pid, String content) {
        Path etc = root.resolve("etc");
        try {
            Files.createDirectories(etc);
            Path part = etc.resolve("." + pid + ".part");
            Files.writeString(part, content, StandardCharsets.UTF_8);
            Files.move(part, etc.resolve(pid + ".cfg"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
