package switchboard.systemtests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A home directory for one test, written before the first start: the console and DNS on free loopback
 * ports, and host changes as a dry run, so that a test run as root never touches this machine's network.
 */
final class SwitchboardHome {
    static final String HTTP_PID = "org.apache.felix.http";
    static final String NETWORK_PID = "switchboard.network";
    static final String SIP_PID = "switchboard.sip";

    private final Path root;
    private final int consolePort;
    private final int sipPort;

    private SwitchboardHome(Path root, int consolePort, int sipPort) {
        this.root = root;
        this.consolePort = consolePort;
        this.sipPort = sipPort;
    }

    static SwitchboardHome create(Path root) {
        SwitchboardHome home = new SwitchboardHome(root, FreePort.pick(), FreePort.pickUdp());
        home.writeConfig(HTTP_PID, "org.apache.felix.http.host = 127.0.0.1\norg.osgi.service.http.port = " + home.consolePort + "\n");
        home.writeConfig("switchboard.host", "apply = false\n");
        // the registrar on a free port, so tests never compete for 5060
        home.configureSip("");
        // every service on a free port: a default port may be taken by another Switchboard on this machine
        home.writeConfig("switchboard.dns", "port = " + FreePort.pick() + "\n");
        home.writeConfig("switchboard.sntp", "port = " + FreePort.pickUdp() + "\n");
        home.writeConfig("switchboard.mail", Stream.of("smtp.port", "submission.port", "smtps.port", "pop3.port", "pop3s.port")
                .map(key -> key + " = " + FreePort.pick() + "\n").collect(Collectors.joining()));
        return home;
    }

    Path root() {
        return root;
    }

    int consolePort() {
        return consolePort;
    }

    /** The UDP port of the SIP registrar. */
    int sipPort() {
        return sipPort;
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

    /** Writes the registrar's configuration: its port and {@code settings} (lines {@code key = value}). */
    void configureSip(String settings) {
        writeConfig(SIP_PID, "port = " + sipPort + "\n" + settings);
    }

    Path deployedBundle(String symbolicName) {
        return root.resolve("deploy").resolve(symbolicName + ".jar");
    }

    /**
     * Overwrites {@code deploy/<symbolicName>.jar} in the home at {@code root} with the same bytes and a new time
     * stamp, in one step: File Install updates the bundle in place, as for a hot patch.
     */
    static void redeploy(Path root, String symbolicName) throws IOException {
        Path jar = root.resolve("deploy").resolve(symbolicName + ".jar");
        Path part = jar.resolveSibling("." + symbolicName + ".jar.part");
        Files.copy(jar, part, StandardCopyOption.REPLACE_EXISTING);
        Files.setLastModifiedTime(part, FileTime.from(Instant.now().plusSeconds(2)));
        Files.move(part, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
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
