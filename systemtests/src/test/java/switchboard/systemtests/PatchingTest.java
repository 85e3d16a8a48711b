package switchboard.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Patches uploaded to or named on the console's Patches page (the same manager as {@code sb:patch}) and dropped
 * into deploy/: refused ones change nothing, a healthy newer version is accepted, a broken one is rolled back by
 * itself while DNS keeps answering, and a rollback by hand brings the earlier version back.
 */
@Timeout(value = 240, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PatchingTest {
    private static final String DNS = "switchboard.dns";
    private static final Duration VERDICT = Duration.ofSeconds(60);

    @RegisterExtension
    final Switchboards switchboards = new Switchboards();

    private int dnsPort;

    private RunningSwitchboard start(String patchSettings) {
        SwitchboardHome home = switchboards.newHome();
        dnsPort = FreePort.pick();
        home.writeConfig(SwitchboardHome.NETWORK_PID, "domain = office.lan\n");
        home.writeConfig(DNS, "port = " + dnsPort + "\nforwarders.enabled = false\n");
        home.writeConfig("switchboard.patch", patchSettings);
        return switchboards.start(home);
    }

    @Test
    void foreignDowngradedUnresolvableAndApiPatchesAreRefusedAndChangeNothing() {
        RunningSwitchboard switchboard = start("");
        PatchesConsole console = new PatchesConsole(switchboard, switchboard.initialAdminPassword());
        Path deployed = switchboard.home().deployedBundle(DNS);
        Map<String, byte[]> before = deployContents(switchboard.home());
        Path dir = switchboards.testDirectory();

        String foreign = console.submit("patch", PatchedJar.from(deployed).symbolicName("com.example.foreign").version("9.0.0")
                .writeTo(dir.resolve("foreign.jar")).toString());
        assertTrue(foreign.contains("com.example.foreign is neither a Switchboard bundle nor a bundle Switchboard runs"), foreign);
        String downgrade = console.submit("patch", PatchedJar.from(deployed).version("0.0.1").writeTo(dir.resolve("old.jar")).toString());
        assertTrue(downgrade.contains("version 0.0.1 is not newer than the running"), downgrade);
        String unresolvable = console.submit("patch", PatchedJar.from(deployed).version("99.0.0")
                .importing("com.example.missing;version=\"[1,2)\"").writeTo(dir.resolve("unresolvable.jar")).toString());
        assertTrue(unresolvable.contains("imports that nothing running exports: com.example.missing"), unresolvable);
        String api = console.submit("patch", PatchedJar.from(switchboard.home().deployedBundle("switchboard.api")).version("99.0.0")
                .writeTo(dir.resolve("api.jar")).toString());
        assertTrue(api.contains("switchboard.api exports packages"), api);
        Path notAJar = dir.resolve("notes.jar");
        write(notAJar, "not a jar");
        String garbage = console.submit("patch", notAJar.toString());
        assertTrue(garbage.contains("is not a readable jar"), garbage);

        assertEquals(5, console.history().stream().filter(e -> e.result().equals("REFUSED")).count(), console.history().toString());
        assertEquals(5, console.history().size(), "only refusals: " + console.history());
        Map<String, byte[]> after = deployContents(switchboard.home());
        assertEquals(before.keySet(), after.keySet(), "no jar added to or removed from deploy/");
        before.forEach((name, content) -> assertTrue(Arrays.equals(content, after.get(name)), name + " unchanged"));
        assertEquals("NOERROR", new Dig(dnsPort).udp("lan.office.lan", "A").status());
    }

    @Test
    void aHealthyPatchIsAcceptedABrokenOneRolledBackByItselfWhileDnsKeepsAnswering() throws Exception {
        RunningSwitchboard switchboard = start("health.window.seconds = 8\n");
        PatchesConsole console = new PatchesConsole(switchboard, switchboard.initialAdminPassword());
        Path deployed = switchboard.home().deployedBundle(DNS);
        String original = PatchedJar.versionOf(deployed);
        Path dir = switchboards.testDirectory();
        Dig dig = new Dig(dnsPort);

        try (DnsProbe probe = new DnsProbe(dig)) {
            int known = console.history().size();
            String applied = console.upload(PatchedJar.from(deployed).version("0.9.1").writeTo(dir.resolve("dns-0.9.1.jar")));
            assertTrue(applied.contains("is being applied"), applied);
            PatchesConsole.Entry accepted = verdict(console, known);
            assertEquals(List.of(DNS, original, "0.9.1", "ACCEPTED"), List.of(accepted.bundle(), accepted.from(), accepted.to(), accepted.result()),
                    accepted.toString());
            assertEquals("0.9.1", PatchedJar.versionOf(deployed));

            known = console.history().size();
            console.submit("patch", PatchedJar.from(deployed).version("0.9.2").without("switchboard/dns/internal/DnsHealthCheck.class")
                    .writeTo(dir.resolve("dns-0.9.2-broken.jar")).toString());
            PatchesConsole.Entry rolledBack = verdict(console, known);
            assertEquals(List.of("0.9.2", "0.9.1", "ROLLED_BACK"), List.of(rolledBack.from(), rolledBack.to(), rolledBack.result()), rolledBack.toString());
            assertTrue(rolledBack.detail().contains("Switchboard DNS"), "names the failing check: " + rolledBack.detail());
            assertEquals("0.9.1", PatchedJar.versionOf(deployed), "deploy/ holds the good jar again, so File Install keeps it");

            known = console.history().size();
            String byHand = console.submit("rollback", DNS);
            assertTrue(byHand.contains("Rollback of switchboard.dns under way"), byHand);
            PatchesConsole.Entry back = verdict(console, known);
            assertEquals(List.of("0.9.1", original, "ROLLBACK_BY_HAND"), List.of(back.from(), back.to(), back.result()), back.toString());
            assertEquals(original, PatchedJar.versionOf(deployed));
            assertTrue(probe.answered() > 0, "the probe ran");
            assertEquals(0, probe.unanswered(), "DNS answered every query during the patches and rollbacks");
        }

        // an older jar copied into deploy/ by hand: File Install applies it, the manager puts the running one back
        int known = console.history().size();
        Path older = PatchedJar.from(deployed).version("0.0.1").writeTo(dir.resolve("dns-0.0.1.jar"));
        Files.move(older, deployed, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        PatchesConsole.Entry refused = verdict(console, known);
        assertEquals(List.of("0.0.1", original, "REFUSED"), List.of(refused.from(), refused.to(), refused.result()), refused.toString());
        assertEquals(original, PatchedJar.versionOf(deployed));
        assertEquals("NOERROR", dig.udp("lan.office.lan", "A").status());
    }

    /** Waits for the history to grow past {@code known} entries; returns the newest. */
    private static PatchesConsole.Entry verdict(PatchesConsole console, int known) {
        return Poll.until(VERDICT, "a verdict in the patch history", () -> {
            List<PatchesConsole.Entry> history = console.history();
            return history.size() > known ? Optional.of(history.get(0)) : Optional.empty();
        });
    }

    private static Map<String, byte[]> deployContents(SwitchboardHome home) {
        Map<String, byte[]> contents = new HashMap<>();
        try (Stream<Path> files = Files.list(home.root().resolve("deploy"))) {
            for (Path f : files.toList()) contents.put(f.getFileName().toString(), Files.readAllBytes(f));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return contents;
    }

    private static void write(Path file, String content) {
        try {
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** dig, again and again on a thread of its own until closed, counting answers and silences. */
    private static final class DnsProbe implements AutoCloseable {
        private final AtomicInteger answered = new AtomicInteger();
        private final AtomicInteger unanswered = new AtomicInteger();
        private final Thread thread;
        private volatile boolean running = true;

        DnsProbe(Dig dig) {
            thread = new Thread(() -> {
                while (running) {
                    try {
                        if ("NOERROR".equals(dig.udp("lan.office.lan", "A").status())) answered.incrementAndGet();
                        else unanswered.incrementAndGet();
                    } catch (AssertionError e) {
                        unanswered.incrementAndGet();
                    }
                }
            }, "dns-probe");
            thread.start();
        }

        int answered() {
            return answered.get();
        }

        int unanswered() {
            return unanswered.get();
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            thread.join(20_000);
        }
    }
}
