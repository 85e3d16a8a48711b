package switchboard.itest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.osgi.framework.BundleContext;

/** A Switchboard home directory ({@code etc/ deploy/ data/ log/}) made fresh for one container. */
record TestHome(Path root) {
    static final String PROPERTY = "switchboard.home";
    private static final String WORK_PROPERTY = "switchboard.itest.work";

    static TestHome create() throws IOException {
        Path work = Files.createDirectories(Path.of(System.getProperty(WORK_PROPERTY, "target/itest-homes")));
        TestHome home = new TestHome(Files.createTempDirectory(work.toAbsolutePath(), "home-"));
        for (Path dir : new Path[] {home.etc(), home.deploy(), home.root.resolve("data"), home.log()})
            Files.createDirectories(dir);
        // as root, the host adapter would change this machine's firewall and routes
        home.writeConfig("switchboard.host", "apply = false\n");
        return home;
    }

    /** The home of the running container, from the framework property the launcher sets too. */
    static TestHome of(BundleContext context) {
        return new TestHome(Path.of(context.getProperty(PROPERTY)));
    }

    Path etc() {
        return root.resolve("etc");
    }

    Path deploy() {
        return root.resolve("deploy");
    }

    Path log() {
        return root.resolve("log");
    }

    /** Writes {@code etc/<pid>.cfg}. */
    void writeConfig(String pid, String content) {
        replace(etc().resolve(pid + ".cfg"), content.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes {@code deploy/<fileName>}, over an earlier file of that name. */
    void deploy(String fileName, byte[] jar) {
        replace(deploy().resolve(fileName), jar);
    }

    /** Swaps the content in at once, as an editor or {@code cp} to a temporary name and {@code mv} does, so FileInstall never reads half a file. */
    private static void replace(Path target, byte[] content) {
        Path part = target.resolveSibling("." + target.getFileName() + ".part");
        try {
            Files.write(part, content);
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }
}
