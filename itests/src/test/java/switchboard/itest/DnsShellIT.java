package switchboard.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Hashtable;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import org.apache.felix.service.command.CommandProcessor;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.service.cm.ConfigurationAdmin;
import switchboard.api.broker.EndpointStatus;
import switchboard.api.broker.SocketBroker;
import switchboard.api.network.NetworkModel;

/** The dns: shell commands on the assembled runtime: import a master file, list, add, remove, query, stats, flush, export. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DnsShellIT extends RuntimeTest {
    private static final int NOERROR = 0;
    private static final int NXDOMAIN = 3;

    @Inject
    private ConfigurationAdmin configurationAdmin;
    @Inject
    private CommandProcessor shell;
    @Inject
    private SocketBroker broker;
    @Inject
    private NetworkModel network;

    @Test
    public void aMasterFileIsImportedListedQueriedAndExportedAndRecordsAreAddedAndRemoved() throws Exception {
        int port = FreePort.udp();
        configurationAdmin.getConfiguration("switchboard.dns", "?").update(new Hashtable<>(Map.of("port", String.valueOf(port), "forwarders.enabled", "false")));
        Await.until("the DNS endpoint on port " + port, () -> broker.endpoints().stream()
                .filter(e -> e.port() == port && e.protocol() == EndpointStatus.Protocol.UDP && e.state() == EndpointStatus.State.SERVING).findFirst(),
                Optional::isPresent);
        String domain = network.current().domain();
        Path zoneFile = Files.createTempFile("office", ".zone");
        Files.writeString(zoneFile, "$ORIGIN " + domain + ".\n$TTL 600\n@ IN SOA ns hostmaster 1 3600 600 86400 300\n"
                + "printer IN A 192.168.2.40\nscanner IN CNAME printer\n_sip._udp IN SRV 10 5 5060 pbx\nfaraway.example.org. IN A 192.0.2.1\n");

        String imported = shell("dns:import " + zoneFile);
        assertTrue(imported, imported.contains("Imported 3 record(s)."));
        assertTrue(imported, imported.contains("skipped faraway.example.org."));
        String records = shell("dns:records");
        assertTrue(records, records.lines().anyMatch(l -> l.startsWith("static    internal printer." + domain + ".") && l.endsWith("\tA\t192.168.2.40")));
        assertTrue(records, records.contains("built-in  public   lan." + domain + "."));

        try (DnsClient client = new DnsClient(port)) {
            assertEquals(NOERROR, client.askOnce("printer." + domain, Duration.ofSeconds(5)));
            assertEquals(NOERROR, client.askOnce("scanner." + domain, Duration.ofSeconds(5)));
            assertTrue(shell("dns:add fax A 192.168.2.41"), shell("dns:records").contains("fax." + domain));
            assertEquals(NOERROR, client.askOnce("fax." + domain, Duration.ofSeconds(5)));
            assertTrue(shell("dns:add fax CNAME printer").startsWith("Refused: "));
            assertEquals("Removed 1 record(s).", shell("dns:remove fax A").trim());
            assertEquals(NXDOMAIN, client.askOnce("fax." + domain, Duration.ofSeconds(5)));
        }
        String export = shell("dns:export");
        assertTrue(export, export.lines().anyMatch(l -> l.startsWith("_sip._udp." + domain + ".") && l.endsWith("\tSRV\t10 5 5060 pbx." + domain + ".")));
        assertFalse(export, export.contains("fax." + domain));
        String stats = shell("dns:stats");
        assertTrue(stats, stats.contains("queries 4"));
        assertTrue(stats, stats.contains("NXDOMAIN=1"));
        assertTrue(shell("dns:flush"), shell("dns:flush").startsWith("Flushed "));
    }

    private String shell(String command) {
        return GogoShell.run(shell, command);
    }
}
