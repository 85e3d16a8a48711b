package switchboard.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Patching the DHCP bundle live while perfdhcp runs a bounded DORA load: every exchange is answered
 * (the broker holds requests during the handover) and no address goes to two clients.
 */
@Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class DhcpHotPatchTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int RATE = 100;
    private static final int SECONDS = 12;
    private static final int CLIENTS = 200;

    @RegisterExtension
    final Switchboards switchboards = new Switchboards();
    private LanNamespaces lan;
    private SwitchboardProcess server;

    @BeforeEach
    void createLan() {
        Assumptions.assumeTrue(LanNamespaces.usable() && LanNamespaces.onPath("perfdhcp"), "needs root, ip and perfdhcp (kea-admin)");
        lan = LanNamespaces.create("02:00:5e:00:01:01");
    }

    @AfterEach
    void removeLan() {
        if (server != null) server.stop();
        if (lan != null) lan.close();
    }

    @Test
    void bundleUpdateUnderPerfdhcpLoadLosesNoExchangeAndDuplicatesNoAddress() throws Exception {
        SwitchboardHome home = switchboards.newHome();
        home.writeConfig(SwitchboardHome.NETWORK_PID, "lan.interface = " + lan.serverInterface + "\nlan.address = "
                + LanNamespaces.SERVER_ADDRESS + "/24\nmode = nat\n");
        home.writeConfig("switchboard.dhcp", "pool.start = 192.168.2.1\npool.end = 192.168.2.250\nprobe = none\n");
        server = switchboards.launch(lan.serverWrapper(), home.root());
        Poll.until(WAIT, "the DHCP server to serve", () -> servingLines(home) == 1);
        lan.inClient("ip", "addr", "add", "192.168.2.251/24", "dev", lan.clientInterface);

        Path perfLog = switchboards.testDirectory().resolve("perfdhcp.log");
        // -g single: perfdhcp's own threads lose packets on a loaded machine (see the bench harness's README);
        // -d 5: an exchange counts as lost when unanswered for 5 s (the handover holds requests for a moment)
        Process perfdhcp = lan.startInClient(perfLog, "timeout", String.valueOf(SECONDS + 30), "perfdhcp", "-4", "-g", "single", "-l", lan.clientInterface,
                "-r", String.valueOf(RATE), "-R", String.valueOf(CLIENTS), "-n", String.valueOf(RATE * SECONDS),
                "-p", String.valueOf(SECONDS), "-d", "5", "-W", "5000000");
        Poll.until(WAIT, "leases under load", () -> journalLines(home).size() > RATE);

        Path deployed = home.root().resolve("deploy/switchboard.dhcp.jar");
        Path patched = switchboards.testDirectory().resolve("switchboard.dhcp-patched.jar");
        PatchedJar.from(deployed).writeTo(patched);
        Files.move(patched, deployed, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Poll.until(WAIT, "the patched bundle to serve", () -> servingLines(home) == 2);

        assertTrue(perfdhcp.waitFor(SECONDS + 40, TimeUnit.SECONDS), "perfdhcp ends");
        String report = TextFile.read(perfLog);
        long sent = statistic(report, "DISCOVER-OFFER", "sent packets");
        assertTrue(sent >= RATE * SECONDS * 9 / 10, "perfdhcp offered the load: " + report);
        assertEquals(0, statistic(report, "DISCOVER-OFFER", "drops"), report);
        assertEquals(0, statistic(report, "REQUEST-ACK", "drops"), report);
        assertEquals(sent, statistic(report, "REQUEST-ACK", "received packets"), "every DORA completed: " + report);

        Map<String, Set<String>> clientsByAddress = clientsByAddress(home);
        assertEquals(CLIENTS, clientsByAddress.size(), "one address per simulated client");
        clientsByAddress.forEach((address, clients) -> assertEquals(1, clients.size(), address + " went to " + clients));
    }

    static long servingLines(SwitchboardHome home) {
        return Files.exists(home.log()) ? home.logLines().stream().filter(l -> l.contains("DHCP serving on")).count() : 0;
    }

    /** The clients each address was bound to ("B" lines of data/dhcp/leases.journal). */
    static Map<String, Set<String>> clientsByAddress(SwitchboardHome home) {
        Map<String, Set<String>> clientsByAddress = new HashMap<>();
        for (String line : journalLines(home)) {
            String[] f = line.split(" ");
            if (f[0].equals("B")) clientsByAddress.computeIfAbsent(f[3], a -> new HashSet<>()).add(f[1]);
        }
        return clientsByAddress;
    }

    static List<String> journalLines(SwitchboardHome home) {
        Path file = home.root().resolve("data/dhcp/leases.journal");
        return Files.exists(file) ? TextFile.read(file).lines().toList() : List.of();
    }

    /** perfdhcp's "name: N" line in the block "Statistics for: exchange". */
    static long statistic(String report, String exchange, String name) {
        int block = report.indexOf("Statistics for: " + exchange);
        assertTrue(block >= 0, "no " + exchange + " statistics in\n" + report);
        Matcher m = Pattern.compile("^" + Pattern.quote(name) + ": (\\d+)", Pattern.MULTILINE).matcher(report.substring(block));
        assertTrue(m.find(), "no '" + name + "' for " + exchange + " in\n" + report);
        return Long.parseLong(m.group(1));
    }
}
