package switchboard.systemtests;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.List;
import java.util.Set;
import java.util.HashSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The DNS server of the running distribution, asked with dig over UDP and TCP: built-in names, static
 * records from etc/, SOA, NXDOMAIN, REFUSED for a WAN-side source, zone transfers and NOTIFY, forwarding to a
 * dnsmasq on loopback and, after a live configuration change, stand-alone mode.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DnsTest {
    private static final String DNS_PID = "switchboard.dns";
    private static final String WAN = "203.0.113.10";
    private static final String LAN = "192.168.2.254";
    /** Loopback sources: 127.0.0.1 is internal; 127.0.0.2 stands for a WAN client; 127.0.0.3 is the secondary. */
    private static final String WAN_CLIENT = "127.0.0.2";
    private static final String SECONDARY = "127.0.0.3";
    private static final int NOTIFY_OPCODE = 4;
    private static final String DNS_PAGE = "/system/console/switchboard-dns";
    private static final Pattern FORM_TOKEN = Pattern.compile("name='csrf' value='([0-9a-f]+)'");

    @RegisterExtension
    final Switchboards switchboards = new Switchboards();

    @Test
    void answersTheZoneForwardsForInsideClientsAndRefusesRecursionToOthers() throws Exception {
        try (Dnsmasq upstream = new Dnsmasq(switchboards.testDirectory().resolve("dnsmasq.log"), "192.0.2.80");
                DatagramSocket secondary = new DatagramSocket(new InetSocketAddress(SECONDARY, 0))) {
            SwitchboardHome home = switchboards.newHome();
            int port = FreePort.pick();
            home.writeConfig(SwitchboardHome.NETWORK_PID, "domain = example.com\nwan.address = " + WAN + "/24\n");
            String dnsConfig = "port = " + port + "\ninternal.networks = 127.0.0.1/32\nsecondaries = " + SECONDARY
                    + ":" + secondary.getLocalPort() + "\nforwarders.primary = 127.0.0.1:" + upstream.port() + "\n";
            home.writeConfig(DNS_PID, dnsConfig);
            home.writeConfig("switchboard.dns.record-pbx", "name = pbx\ntype = A\nvalue = 192.168.2.10\n");
            home.writeConfig("switchboard.dns.record-pbx6", "name = pbx\ntype = AAAA\nvalue = 2001:db8::10\n");
            home.writeConfig("switchboard.dns.record-phones", "name = phones\ntype = CNAME\nvalue = pbx\n");
            home.writeConfig("switchboard.dns.record-spf", "name = @\ntype = TXT\nvalue = \"v=spf1 mx -all\"\npublic = true\n");
            home.writeConfig("switchboard.dns.record-sip", "name = _sip._udp\ntype = SRV\nvalue = 10 5 5060 pbx\nttl = 600\n");
            home.writeConfig("switchboard.dns.record-mx2", "name = @\ntype = MX\nvalue = 20 backup.example.net.\n");
            RunningSwitchboard switchboard = switchboards.start(home);
            Dig dig = new Dig(port);
            Poll.until(Duration.ofSeconds(20), "the static records to be served", () -> dig.udp("_sip._udp.example.com", "SRV").records().size() == 1);

            for (boolean tcp : new boolean[] {false, true}) {
                String how = tcp ? "TCP" : "UDP";
                assertAll(how,
                        () -> assertEquals(List.of(WAN), ask(dig, tcp, "www.example.com", "A").data()),
                        () -> assertEquals(List.of(WAN), ask(dig, tcp, "wan.example.com", "A").data()),
                        () -> assertEquals(List.of(LAN), ask(dig, tcp, "corp.example.com", "A").data()),
                        () -> assertEquals(List.of(LAN), ask(dig, tcp, "admin.example.com", "A").data()),
                        () -> assertEquals(List.of(LAN), ask(dig, tcp, "lan.example.com", "A").data()),
                        () -> assertEquals(Set.of(WAN, LAN), new HashSet<>(ask(dig, tcp, "smtp.example.com", "A").data())),
                        () -> assertEquals(Set.of(WAN, LAN), new HashSet<>(ask(dig, tcp, "pop.example.com", "A").data())),
                        () -> assertEquals(Set.of("10 smtp.example.com.", "20 backup.example.net."), new HashSet<>(ask(dig, tcp, "example.com", "MX").data())),
                        () -> assertTrue(ask(dig, tcp, "example.com", "SOA").data().get(0).startsWith("ns.example.com. hostmaster.example.com. 20")),
                        () -> assertEquals(List.of("192.168.2.10"), ask(dig, tcp, "pbx.example.com", "A").data()),
                        () -> assertEquals(List.of("2001:db8::10"), ask(dig, tcp, "pbx.example.com", "AAAA").data()),
                        () -> assertEquals(List.of("pbx.example.com.", "192.168.2.10"), ask(dig, tcp, "phones.example.com", "A").data()),
                        () -> assertEquals(List.of("\"v=spf1 mx -all\""), ask(dig, tcp, "example.com", "TXT").data()),
                        () -> assertEquals(List.of("10 5 5060 pbx.example.com."), ask(dig, tcp, "_sip._udp.example.com", "SRV").data()),
                        () -> {
                            Dig.Answer missing = ask(dig, tcp, "nothing.example.com", "A");
                            assertEquals("NXDOMAIN", missing.status());
                            assertTrue(missing.authoritative(), missing.output());
                        },
                        () -> assertEquals(List.of("192.0.2.80"), ask(dig, tcp, "host.example.net", "A").data(), "forwarded to dnsmasq"));
            }

            Dig.Answer wanOutside = dig.from(WAN_CLIENT, "host.example.net", "A");
            assertEquals("REFUSED", wanOutside.status(), "no open resolver");
            assertEquals(List.of(WAN), dig.from(WAN_CLIENT, "www.example.com", "A").data());
            assertEquals("NXDOMAIN", dig.from(WAN_CLIENT, "pbx.example.com", "A").status(), "internal names stay internal");
            assertEquals(List.of("\"v=spf1 mx -all\""), dig.from(WAN_CLIENT, "example.com", "TXT").data(), "records marked public are public");

            Dig.Answer transfer = dig.from(SECONDARY, "example.com", "AXFR");
            assertTrue(transfer.records().size() >= 10, transfer.output());
            assertTrue(transfer.records().get(0).contains("SOA") && transfer.records().get(transfer.records().size() - 1).contains("SOA"));
            assertTrue(transfer.records().stream().noneMatch(r -> r.startsWith("pbx.")), "a secondary outside the LAN gets the public names only");
            Dig.Answer denied = dig.ask(List.of("example.com", "AXFR"));
            assertTrue(denied.output().contains("Transfer failed"), denied.output());

            drain(secondary);
            home.writeConfig("switchboard.dns.record-fax", "name = fax\ntype = A\nvalue = 192.168.2.11\n");
            secondary.setSoTimeout(10_000);
            DatagramPacket notify = new DatagramPacket(new byte[512], 512);
            secondary.receive(notify);
            assertEquals(NOTIFY_OPCODE, (notify.getData()[2] >> 3) & 0xF, "a change is announced with NOTIFY");
            assertEquals(List.of("192.168.2.11"), dig.udp("fax.example.com", "A").data());

            home.writeConfig(DNS_PID, dnsConfig + "forwarders.enabled = false\n");
            Poll.until(Duration.ofSeconds(15), "stand-alone mode", () -> dig.udp("other.example.net", "A").status().equals("NXDOMAIN"));
            Dig.Answer standAlone = dig.udp("host.example.net", "A");
            assertEquals("NXDOMAIN", standAlone.status());
            assertTrue(standAlone.authoritative(), standAlone.output());
            assertTrue(switchboard.process().isAlive());
        }
    }

    @Test
    void theConsolePageListsTheRecordsAndAddsAndRemovesStaticOnes() {
        SwitchboardHome home = switchboards.newHome();
        int port = FreePort.pick();
        home.writeConfig(SwitchboardHome.NETWORK_PID, "domain = example.com\nwan.address = " + WAN + "/24\n");
        home.writeConfig(DNS_PID, "port = " + port + "\nforwarders.enabled = false\n");
        RunningSwitchboard switchboard = switchboards.start(home);
        String password = switchboard.initialAdminPassword();
        Dig dig = new Dig(port);

        String page = switchboard.http().get(DNS_PAGE, RunningSwitchboard.ADMIN, password).body();
        assertTrue(page.contains("<td>built-in</td><td>everyone</td><td>www.example.com.</td><td>300</td><td>A</td><td>203.0.113.10</td>"), page);
        Matcher token = FORM_TOKEN.matcher(page);
        assertTrue(token.find(), page);

        String added = switchboard.http().postForm(DNS_PAGE, RunningSwitchboard.ADMIN, password, Map.of("csrf", token.group(1),
                "name", "printer", "type", "A", "value", "192.168.2.30", "ttl", "600")).body();
        assertTrue(added.contains("Added switchboard.dns.record~printer-a-"), added);
        assertEquals(List.of("192.168.2.30"), dig.udp("printer.example.com", "A").data());
        Poll.until(Duration.ofSeconds(10), "the record saved in etc/", () -> {
            try (var files = Files.list(home.root().resolve("etc"))) {
                return files.anyMatch(f -> f.getFileName().toString().startsWith("switchboard.dns.record"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });

        String refused = switchboard.http().postForm(DNS_PAGE, RunningSwitchboard.ADMIN, password, Map.of("csrf", token.group(1),
                "name", "printer", "type", "CNAME", "value", "www", "ttl", "600")).body();
        assertTrue(refused.contains("Not added: "), refused);
        assertEquals(403, switchboard.http().postForm(DNS_PAGE, RunningSwitchboard.ADMIN, password,
                Map.of("name", "evil", "type", "A", "value", "10.0.0.1", "ttl", "600")).statusCode(), "no token, no change");

        Matcher pid = Pattern.compile("name='pid' value='([^']+)'").matcher(added);
        assertTrue(pid.find(), added);
        String removed = switchboard.http().postForm(DNS_PAGE, RunningSwitchboard.ADMIN, password,
                Map.of("csrf", token.group(1), "action", "remove", "pid", pid.group(1))).body();
        assertTrue(removed.contains("Removed "), removed);
        assertEquals("NXDOMAIN", dig.udp("printer.example.com", "A").status());
    }

    /** Reads what the secondary was sent so far (the NOTIFYs of start-up). */
    private static void drain(DatagramSocket socket) throws IOException {
        socket.setSoTimeout(500);
        DatagramPacket packet = new DatagramPacket(new byte[512], 512);
        try {
            while (true) socket.receive(packet);
        } catch (java.net.SocketTimeoutException e) {
            // nothing more
        }
    }

    private static Dig.Answer ask(Dig dig, boolean tcp, String name, String type) {
        return tcp ? dig.tcp(name, type) : dig.udp(name, type);
    }
}
