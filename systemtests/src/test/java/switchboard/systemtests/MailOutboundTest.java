package switchboard.systemtests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Mail for another domain leaves through the queue to that domain's MX: dnsmasq on loopback serves the
 * MX record, Postfix's smtp-sink on loopback is the other domain's mail server and keeps what it gets.
 */
@Timeout(180)
class MailOutboundTest {
    @RegisterExtension
    final Switchboards switchboards = new Switchboards();

    @Test
    void relayedMailIsDeliveredToTheMxOfItsDomain() throws Exception {
        int dnsPort = FreePort.pick();
        int mxPort = FreePort.pick();
        // smtp-sink drops to user nobody before it writes the dump
        Path dumps = Files.createTempDirectory("sb-mail-sink", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxrwxrwx")));
        Files.setPosixFilePermissions(dumps, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path log = switchboards.testDirectory();
        Process dns = start(log.resolve("dnsmasq.log"), "dnsmasq", "--keep-in-foreground", "--conf-file=/dev/null", "--pid-file=",
                "--port=" + dnsPort, "--listen-address=127.0.0.1", "--bind-interfaces", "--no-resolv", "--no-hosts",
                "--mx-host=other.example,mx.other.example,10", "--host-record=mx.other.example,127.0.0.1", "--local=/nowhere.example/");
        Process sink = start(log.resolve("smtp-sink.log"), "smtp-sink", "-u", "nobody", "-D", dumps + "/mail", "127.0.0.1:" + mxPort, "10");
        try {
            MailPorts.awaitOpen("127.0.0.1", mxPort);
            MailHome mail = new MailHome(switchboards.newHome(), "127.0.0.1",
                    "outbound.port = " + mxPort + "\ndns.server = 127.0.0.1:" + dnsPort + "\n");
            switchboards.start(mail.home);
            MailPorts.awaitOpen("127.0.0.1", mail.smtp);

            ClientCommand.succeed(List.of("swaks", "--server", "127.0.0.1:" + mail.smtp, "--timeout", "20",
                    "--from", "anna@office.lan", "--to", "friend@other.example", "--h-Subject", "leaves by MX"));
            Poll.until(Duration.ofSeconds(60), "the queue to empty", () -> mail.queuedEnvelopes().isEmpty());
            Path dump = dumps.resolve("mail");
            Poll.until(Duration.ofSeconds(10), "smtp-sink to store the message", () -> Files.exists(dump) && contains(dump, "leaves by MX"));
            String received = Files.readString(dump, StandardCharsets.ISO_8859_1);
            assertTrue(received.contains("anna@office.lan") && received.contains("friend@other.example"), received);

            // a domain that does not exist: the sender gets a delivery status notification at once
            ClientCommand.succeed(List.of("swaks", "--server", "127.0.0.1:" + mail.smtp, "--timeout", "20",
                    "--from", "anna@office.lan", "--to", "ghost@nowhere.example", "--h-Subject", "goes nowhere"));
            Poll.until(Duration.ofSeconds(60), "the bounce in anna's mailbox", () -> mail.messages("anna").size() == 1);
            String bounce = mail.read(mail.messages("anna").get(0));
            assertTrue(bounce.contains("Content-Type: multipart/report; report-type=delivery-status"), bounce);
            assertTrue(bounce.contains("Final-Recipient: rfc822; ghost@nowhere.example") && bounce.contains("Subject: goes nowhere"), bounce);
            assertTrue(mail.queuedEnvelopes().isEmpty(), "nothing left to retry: " + mail.queuedEnvelopes());
        } finally {
            sink.destroy();
            dns.destroy();
            sink.waitFor();
            dns.waitFor();
            try (var files = Files.list(dumps)) {
                for (Path p : files.toList()) Files.delete(p);
            }
            Files.delete(dumps);
        }
    }

    @Test
    void mailLeavesThroughASmarthostLoggedInOnlyOverStartTls() throws Exception {
        Path dir = switchboards.testDirectory();
        int smarthostPort = FreePort.pick();
        Path kept = dir.resolve("smarthost-kept.txt");
        ClientCommand.succeed(List.of("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=smtp.isp.example",
                "-keyout", dir.resolve("smarthost.key").toString(), "-out", dir.resolve("smarthost.crt").toString()));
        Path script = Path.of(MailOutboundTest.class.getResource("/smarthost.py").toURI());
        Process smarthost = start(dir.resolve("smarthost.log"), "/usr/bin/python3", script.toString(), String.valueOf(smarthostPort),
                dir.resolve("smarthost.crt").toString(), dir.resolve("smarthost.key").toString(), kept.toString(), "150");
        try {
            MailPorts.awaitOpen("127.0.0.1", smarthostPort);
            MailHome mail = new MailHome(switchboards.newHome(), "127.0.0.1", "smarthost = 127.0.0.1:" + smarthostPort
                    + "\nsmarthost.user = office\nsmarthost.password = secret\nsmarthost.tls.verify = false\n");
            switchboards.start(mail.home);
            MailPorts.awaitOpen("127.0.0.1", mail.smtp);

            ClientCommand.succeed(List.of("swaks", "--server", "127.0.0.1:" + mail.smtp, "--timeout", "20",
                    "--from", "anna@office.lan", "--to", "friend@other.example", "--h-Subject", "leaves by the smarthost"));

            Poll.until(Duration.ofSeconds(60), "the smarthost to take the message", () -> Files.exists(kept)
                    && contains(kept, "login=office tls=True from=anna@office.lan to=friend@other.example"));
            Poll.until(Duration.ofSeconds(10), "the queue to empty", () -> mail.queuedEnvelopes().isEmpty());
            assertTrue(TextFile.read(mail.home.log()).lines().noneMatch(line -> line.contains("secret")), "the password is never logged");
        } finally {
            smarthost.destroy();
            smarthost.waitFor();
        }
    }

    private static boolean contains(Path file, String text) {
        try {
            return Files.readString(file, StandardCharsets.ISO_8859_1).contains(text);
        } catch (IOException e) {
            return false;
        }
    }

    private static Process start(Path log, String... argv) throws IOException {
        return new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(log.toFile()).redirectInput(new File("/dev/null")).start();
    }
}
