package switchboard.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The DHCP server on a LAN made of two network namespaces: Switchboard in one, busybox
 * {@code udhcpc} and ISC {@code dhclient} in the other. Needs root (skipped otherwise).
 */
@Timeout(value = 240, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class DhcpLanTest {
    private static final String CLIENT_MAC = "02:00:5e:00:00:42";
    private static final Duration WAIT = Duration.ofSeconds(60);

    @RegisterExtension
    final Switchboards switchboards = new Switchboards();
    private LanNamespaces lan;
    private SwitchboardHome home;
    private SwitchboardProcess server;

    @BeforeEach
    void createLan() {
        Assumptions.assumeTrue(LanNamespaces.usable(), "needs root, ip, busybox and dhclient (see .ci/install-test-tools)");
        lan = LanNamespaces.create(CLIENT_MAC);
        home = switchboards.newHome();
        home.writeConfig(SwitchboardHome.NETWORK_PID, "lan.interface = " + lan.serverInterface + "\nlan.address = "
                + LanNamespaces.SERVER_ADDRESS + "/24\ndomain = office.lan\nmode = nat\n");
    }

    @AfterEach
    void removeLan() {
        if (server != null) server.stop();
        if (lan != null) lan.close();
    }

    /** Starts Switchboard in the server namespace; the log of an earlier run is removed first, so its lines cannot count. */
    private void startServer() throws IOException {
        Files.deleteIfExists(home.log());
        server = switchboards.launch(lan.serverWrapper(), home.root());
        Poll.until(WAIT, "the DHCP server to serve on " + lan.serverInterface, () -> {
            if (!server.isAlive()) throw new AssertionError("switchboard ended\n" + server.stdout() + server.stderr());
            return Files.exists(home.log()) && home.logLines().stream().anyMatch(l -> l.contains("DHCP serving on " + lan.serverInterface));
        });
    }

    private List<String> journal() {
        Path file = home.root().resolve("data/dhcp/leases.journal");
        return Files.exists(file) ? TextFile.read(file).lines().toList() : List.of();
    }

    /** A udhcpc script that configures the interface and records each event's variables in {@code events/}. */
    private Path udhcpcScript(Path events) throws IOException {
        Files.createDirectories(events);
        Path script = switchboards.testDirectory().resolve("udhcpc.script");
        Files.writeString(script, """
                #!/bin/sh
                case "$1" in
                  deconfig) ip addr flush dev "$interface" ;;
                  bound|renew) ip addr flush dev "$interface"; ip addr add "$ip/$mask" dev "$interface" ;;
                esac
                n=$(ls "%s" | wc -l)
                env | grep -E '^(ip|subnet|mask|broadcast|router|dns|domain|ntpsrv|lease|serverid|hostname|timesrv|wins)=' | sort > "%s/.part"
                mv "%s/.part" "%s/$n-$1"
                """.formatted(events, events, events, events));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    /** The variables of the newest recorded event named {@code event}. */
    private static Optional<Map<String, String>> lastEvent(Path events, String event) {
        try (Stream<Path> files = Files.list(events)) {
            return files.filter(f -> f.getFileName().toString().endsWith("-" + event))
                    .max((a, b) -> Integer.compare(number(a), number(b)))
                    .map(f -> {
                        Map<String, String> vars = new TreeMap<>();
                        TextFile.read(f).lines().forEach(l -> vars.put(l.substring(0, l.indexOf('=')), l.substring(l.indexOf('=') + 1)));
                        return vars;
                    });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int number(Path eventFile) {
        return Integer.parseInt(eventFile.getFileName().toString().split("-", 2)[0]);
    }

    private static long count(List<String> lines, String prefix) {
        return lines.stream().filter(l -> l.startsWith(prefix)).count();
    }

    @Test
    void udhcpcGetsExactlyTheLanOptionsRenewsAndReleases() throws IOException {
        startServer();
        Path events = switchboards.testDirectory().resolve("events");
        Process client = lan.startInClient(switchboards.testDirectory().resolve("udhcpc.log"), "busybox", "udhcpc", "-f",
                "-i", lan.clientInterface, "-s", udhcpcScript(events).toString(), "-t", "5", "-T", "2",
                "-x", "hostname:pc1", "-O", "ntpsrv");

        Map<String, String> bound = Poll.until(WAIT, "udhcpc to get a lease", () -> lastEvent(events, "bound"));
        assertEquals(new TreeMap<>(Map.of("ip", "192.168.2.1", "subnet", "255.255.255.0", "mask", "24",
                "broadcast", "192.168.2.255", "router", "192.168.2.254", "dns", "192.168.2.254", "domain", "office.lan",
                "ntpsrv", "192.168.2.254", "lease", "86400", "serverid", "192.168.2.254")), bound);
        String bindRecord = "B id:01" + CLIENT_MAC.replace(":", "") + " " + CLIENT_MAC + " 192.168.2.1 ";
        assertEquals(1, count(journal(), bindRecord), "the lease is in the journal: " + journal());
        assertTrue(journal().get(0).endsWith(" pc1"), "with its host name: " + journal());

        // the console page lists the lease (curl in the server namespace, where the console listens)
        String page = Poll.until(WAIT, "the DHCP console page", () -> lan.attemptIn(lan.serverNamespace, "curl", "-sf", "--max-time", "10",
                "-u", "admin:" + home.initialAdminPassword(), "http://127.0.0.1:" + home.consolePort() + "/system/console/switchboard-dhcp"));
        assertTrue(page.contains("<td>192.168.2.1</td><td>" + CLIENT_MAC + "</td><td>pc1</td><td>bound</td>"), page);

        boolean withDns = Files.exists(home.root().resolve("deploy/switchboard.dns.jar"));
        if (withDns) {
            home.writeConfig("switchboard.dns", "address = 127.0.0.1\nport = 1053\nforwarders.enabled = false\n");
            Poll.until(WAIT, "pc1.office.lan in DNS", () -> dig("pc1.office.lan").equals("192.168.2.1"));
        }

        // the time server it was given answers SNTP from the host clock
        home.writeConfig("switchboard.sntp", "address = 0.0.0.0\nport = 123\n");
        String sntp = Poll.until(WAIT, "an SNTP answer", () -> lan.attemptIn(lan.clientNamespace, "timeout", "10", "ntpdig", "-t", "2", bound.get("ntpsrv"))
                .filter(out -> out.contains(" 192.168.2.254 s2 ")).map(String::strip));
        double offset = Double.parseDouble(sntp.split("\\s+")[3]);
        assertTrue(Math.abs(offset) < 1.0, "the offset to the host clock is small: " + sntp);

        lan.signal(client, "USR1");
        Map<String, String> renewed = Poll.until(WAIT, "udhcpc to renew", () -> lastEvent(events, "renew"));
        assertEquals("192.168.2.1", renewed.get("ip"));
        Poll.until(WAIT, "the renewal in the journal", () -> count(journal(), bindRecord) == 2);

        lan.signal(client, "USR2");
        Poll.until(WAIT, "the release in the journal", () -> count(journal(), "R id:01" + CLIENT_MAC.replace(":", "") + " ") == 1);
        if (withDns) Poll.until(WAIT, "pc1.office.lan gone from DNS after the release", () -> dig("pc1.office.lan").isEmpty());
        lan.inClient("ip", "addr", "flush", "dev", lan.clientInterface);
    }

    /** The A record of a name as Switchboard's DNS answers it in the server namespace; empty when there is none. */
    private String dig(String name) {
        return lan.attemptIn(lan.serverNamespace, "dig", "@127.0.0.1", "-p", "1053", "+short", "+time=2", "+tries=1", name, "A")
                .map(String::strip).orElse("unanswered");
    }

    @Test
    void reservationIsHonouredAndLeasesSurviveKillMinus9() throws IOException {
        home.writeConfig("switchboard.dhcp.reservation-printer", "mac = " + CLIENT_MAC.toUpperCase() + "\naddress = 192.168.2.42\nhostname = printer\n");
        startServer();
        Poll.until(WAIT, "the reservation in the DHCP plan", () -> home.logLines().stream().anyMatch(l -> l.contains(", 1 reservations")));
        Path dir = switchboards.testDirectory();
        // in the foreground (-d), so it stays a child of this test and ends with it instead of daemonizing
        Path leases = dir.resolve("dhclient.leases");
        lan.startInClient(dir.resolve("dhclient.log"), "dhclient", "-d", "-1", "-sf", "/bin/true", "-lf", leases.toString(),
                "-pf", dir.resolve("dhclient.pid").toString(), lan.clientInterface);
        Poll.until(WAIT, "dhclient to get the reserved address",
                () -> Files.exists(leases) && TextFile.read(leases).contains("fixed-address 192.168.2.42;"));
        String dhclientLease = TextFile.read(dir.resolve("dhclient.leases"));
        for (String option : List.of("option subnet-mask 255.255.255.0;", "option routers 192.168.2.254;",
                "option domain-name-servers 192.168.2.254;", "option domain-name \"office.lan\";", "option dhcp-lease-time 86400;"))
            assertTrue(dhclientLease.contains(option), option + " in\n" + dhclientLease);
        assertTrue(journal().stream().anyMatch(l -> l.contains(" 192.168.2.42 ") && l.endsWith(" printer")), journal().toString());

        // udhcpc sends a client identifier: another client on the same MAC, so it gets a pool address
        String first = udhcpcOnce(List.of()).orElseThrow();
        assertTrue(first.matches("192\\.168\\.2\\.([1-9]|[1-9][0-9]|100)"), "a pool address: " + first);

        server.kill();
        startServer();
        String second = udhcpcOnce(List.of("-C", "-x", "0x3d:01aabbccddeeff")).orElseThrow();
        assertTrue(!second.equals(first) && !second.equals("192.168.2.42"), "a new client gets neither leased address after the crash: " + second);
        assertEquals(Optional.of(first), udhcpcOnce(List.of()), "the first client keeps its address");
    }

    @Test
    void anAddressSomeHostAnswersArpForIsNotOffered() throws IOException {
        // a host on the LAN already using .1 without a lease (the client namespace answers ARP for it;
        // on loopback, so that udhcpc's own address changes leave it alone)
        lan.inClient("ip", "addr", "add", "192.168.2.1/32", "dev", "lo");
        startServer();

        assertEquals(Optional.of("192.168.2.2"), udhcpcOnce(List.of()), "the next address, not the one in use");
        assertTrue(home.logLines().stream().anyMatch(l -> l.contains("192.168.2.1 answers a probe but has no lease")), "logged");
        assertTrue(journal().stream().anyMatch(l -> l.startsWith("D 192.168.2.1 ")), "quarantined in the journal: " + journal());
    }

    @Test
    void repliesAreUnicastUnlessTheClientAsksForBroadcast() throws IOException {
        startServer();
        Path capture = switchboards.testDirectory().resolve("tcpdump.txt");
        Process tcpdump = lan.startInClient(capture, "timeout", "60", "tcpdump", "-l", "-n", "-i", lan.clientInterface, "udp", "src", "port", "67");
        Poll.until(WAIT, "tcpdump to listen", () -> TextFile.read(capture).contains("listening on"));

        assertEquals(Optional.of("192.168.2.1"), udhcpcOnce(List.of()));
        assertEquals(Optional.of("192.168.2.1"), udhcpcOnce(List.of("-B")), "the same client again, now asking for broadcast");

        Poll.until(WAIT, "four replies captured", () -> TextFile.read(capture).lines().filter(l -> l.contains("192.168.2.254.67 >")).count() >= 4);
        tcpdump.destroy();
        List<String> replies = TextFile.read(capture).lines().filter(l -> l.contains("192.168.2.254.67 >")).toList();
        assertTrue(replies.get(0).contains("> 192.168.2.1.68") && replies.get(1).contains("> 192.168.2.1.68"),
                "OFFER and ACK unicast to the address given, the client not having asked for broadcast: " + replies);
        assertTrue(replies.get(2).contains("> 255.255.255.255.68") && replies.get(3).contains("> 255.255.255.255.68"),
                "broadcast when asked: " + replies);
    }

    /** One udhcpc run that quits once it has a lease; its address, if it got one. */
    private Optional<String> udhcpcOnce(List<String> extra) {
        Path events = switchboards.testDirectory().resolve("events-" + System.nanoTime());
        List<String> command = new java.util.ArrayList<>(List.of("timeout", "25", "busybox", "udhcpc", "-f", "-q", "-n",
                "-i", lan.clientInterface, "-t", "5", "-T", "2"));
        try {
            command.addAll(List.of("-s", udhcpcScript(events).toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        command.addAll(extra);
        lan.run(Stream.concat(Stream.of("ip", "netns", "exec", lan.clientNamespace), command.stream()).toArray(String[]::new));
        lan.inClient("ip", "addr", "flush", "dev", lan.clientInterface);
        return lastEvent(events, "bound").map(v -> v.get("ip"));
    }
}
