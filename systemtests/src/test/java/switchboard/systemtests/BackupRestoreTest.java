package switchboard.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A running office is backed up from the console (mailbox, accounts, a DNS record and its earlier version),
 * and the archive restored into a freshly installed Switchboard brings it back without a restart.
 */
@Timeout(value = 240, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class BackupRestoreTest {
    private static final String RECORD = "switchboard.dns.record-printer";
    private static final Duration WAIT = Duration.ofSeconds(45);

    @RegisterExtension
    final Switchboards switchboards = new Switchboards();

    @Test
    void aBackupOfARunningOfficeRestoredIntoAFreshHomeBringsItBack() {
        MailHome office = new MailHome(switchboards.newHome(), "127.0.0.1", "");
        int dnsPort = FreePort.pick();
        office.home.writeConfig(SwitchboardHome.NETWORK_PID, "domain = " + MailHome.DOMAIN + "\n");
        office.home.writeConfig("switchboard.dns", "port = " + dnsPort + "\nforwarders.enabled = false\n");
        office.home.writeConfig(RECORD, "name = printer\ntype = A\nvalue = 192.168.2.20\n");
        RunningSwitchboard first = switchboards.start(office.home);
        MailPorts.awaitOpen("127.0.0.1", office.smtp);
        ClientCommand.succeed(List.of("swaks", "--server", "127.0.0.1:" + office.smtp, "--timeout", "20", "--from", "x@sender.example",
                "--to", "anna@office.lan", "--h-Subject", "kept across the restore"));
        office.home.writeConfig(RECORD, "name = printer\ntype = A\nvalue = 192.168.2.21\n");
        Dig dig = new Dig(dnsPort);
        Poll.until(WAIT, "the changed record served", () -> dig.udp("printer.office.lan", "A").data().equals(List.of("192.168.2.21")));
        Path history = office.home.root().resolve("data/config-history/" + RECORD + ".cfg");
        Poll.until(WAIT, "both versions of the record file in the configuration history", () -> count(history) == 2);

        String officePassword = first.initialAdminPassword();
        Path archive = switchboards.testDirectory().resolve("office-backup.zip");
        String written = new PatchesConsole(first, officePassword).submit("backup", archive.toString());
        assertTrue(written.startsWith("Backup of ") && Files.isRegularFile(archive), written);
        first.process().stop();

        SwitchboardHome fresh = SwitchboardHome.create(switchboards.testDirectory().resolve("fresh-home"));
        RunningSwitchboard second = switchboards.start(fresh);
        String freshPassword = second.initialAdminPassword();
        String restored = new PatchesConsole(second, freshPassword).submit("restore", archive.toString());
        assertTrue(restored.startsWith("Restored "), restored);

        Poll.until(WAIT, "the office's admin password accepted by the console", () ->
                second.http().get(PatchesConsole.PATH, RunningSwitchboard.ADMIN, officePassword).statusCode() == 200);
        assertEquals(401, second.http().get(PatchesConsole.PATH, RunningSwitchboard.ADMIN, freshPassword).statusCode(),
                "the fresh install's accounts are replaced");
        Poll.until(WAIT, "the office's DNS record served", () -> dig.udp("printer.office.lan", "A").data().equals(List.of("192.168.2.21")));
        MailPorts.awaitOpen("127.0.0.1", office.pop3);
        String list = ClientCommand.succeed(List.of("curl", "-sS", "--max-time", "20", "-u", "anna:" + MailHome.PASSWORD,
                "pop3://127.0.0.1:" + office.pop3 + "/1"));
        assertTrue(list.contains("Subject: kept across the restore"), list);
        assertEquals(2, count(fresh.root().resolve("data/config-history/" + RECORD + ".cfg")), "the configuration history came along");
    }

    private static long count(Path dir) {
        if (!Files.isDirectory(dir)) return 0;
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> !f.getFileName().toString().startsWith(".")).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
