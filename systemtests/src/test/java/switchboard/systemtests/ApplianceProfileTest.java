package switchboard.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code --profile appliance} on a fresh home: the services listen on all addresses and their standard ports
 * and the host adapter applies for real. Runs in a network namespace of its own, where those ports are free
 * and nothing the adapter does reaches this machine's network. Needs root.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ApplianceProfileTest {
    private static final Duration READY_WITHIN = Duration.ofSeconds(60);
    /** Protocol and port of every standard-port listener the appliance profile configures. */
    private static final List<String> STANDARD_LISTENERS = List.of("udp *:53", "tcp *:53", "tcp *:25", "tcp *:587",
            "tcp *:465", "tcp *:110", "tcp *:995", "udp *:5060", "udp *:123");

    private static final Pattern ALL_ADDRESSES = Pattern.compile("^(0\\.0\\.0\\.0|\\*|\\[::]|\\[::ffff:0\\.0\\.0\\.0]):");
    /** The network settings' default domain, served by the DNS bundle. */
    private static final String DEFAULT_DOMAIN = "office.lan.";

    @RegisterExtension
    final Switchboards switchboards = new Switchboards();

    @Test
    void servesTheStandardPortsOnAllAddressesAndAppliesForReal() {
        assumeTrue(LanNamespaces.onPath("ip") && "root".equals(System.getProperty("user.name")), "needs root and ip");
        try (ClientNamespace box = ClientNamespace.create()) {
            Path home = switchboards.testDirectory().resolve("appliance-home");
            SwitchboardProcess process = switchboards.launch(box.inside(), home, "--profile", "appliance");

            Poll.until(READY_WITHIN, "the start-up table", () -> {
                if (!process.isAlive()) throw new AssertionError("switchboard ended:\n" + process.stdout() + process.stderr());
                return process.stdout().contains("host changes");
            });
            assertTrue(listeners(box).containsAll(STANDARD_LISTENERS), "listening: " + listeners(box));

            Dig.Answer soa = Dig.parse(ClientCommand.succeed(box.inside("dig", "@127.0.0.1", "-p", "53", "+tries=1", "+time=3", DEFAULT_DOMAIN, "SOA")));
            assertEquals("NOERROR", soa.status(), soa.output());
            assertTrue(soa.authoritative(), soa.output());
            assertTrue(TextFile.read(home.resolve("etc/switchboard.host.cfg")).contains("\napply = true\n"), "the adapter applies for real");
            assertTrue(process.stdout().lines().anyMatch(line -> line.startsWith("host changes") && line.endsWith("applied")), process.stdout());
            assertTrue(TextFile.read(home.resolve("etc/org.apache.felix.http.cfg")).contains("org.apache.felix.http.host = 127.0.0.1"),
                    "the console stays on loopback until the admin names a LAN address");
        }
    }

    /** "udp *:53" and so on for every listening socket in the namespace, "*" standing for all addresses (IPv4 or dual stack). */
    private static List<String> listeners(ClientNamespace box) {
        return ClientCommand.succeed(box.inside("ss", "-Hlntu")).lines()
                .map(line -> line.trim().split("\\s+"))
                .map(f -> f[0] + " " + ALL_ADDRESSES.matcher(f[4]).replaceFirst("*:")).toList();
    }
}
