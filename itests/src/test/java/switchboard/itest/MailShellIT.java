package switchboard.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
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
import switchboard.api.accounts.UserDirectory;

/**
 * The {@code mail:} commands on the assembled runtime: a message relayed from loopback to a domain whose MX
 * cannot be looked up (the DNS server named for it never answers) waits in the queue, where {@code mail:queue}
 * and {@code mail:stats} show it after its first failed attempt and {@code mail:delete} removes it;
 * {@code mail:aliases} lists the aliases.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class MailShellIT extends RuntimeTest {
    @Inject
    private ConfigurationAdmin configurationAdmin;
    @Inject
    private CommandProcessor shell;
    @Inject
    private UserDirectory users;

    @Test
    public void queueStatsAliasesDeleteAndFlush() throws Exception {
        int smtp = FreePort.tcp();
        configurationAdmin.getConfiguration("switchboard.mail", "?").update(new Hashtable<>(Map.of("smtp.port", String.valueOf(smtp),
                "submission.port", "0", "smtps.port", "0", "pop3.port", "0", "pop3s.port", "0", "dns.server", "127.0.0.1:" + FreePort.udp())));
        configurationAdmin.createFactoryConfiguration("switchboard.mail.alias", "?").update(new Hashtable<>(Map.of("name", "sales", "members", "anna bob")));
        users.create("anna", "Mail-Shell-Test-Password-42".toCharArray(), Optional.empty());
        users.create("bob", "Mail-Shell-Test-Password-42".toCharArray(), Optional.empty());
        Await.listening("the SMTP server", smtp);
        Await.until("the alias", () -> shell("mail:aliases").contains("sales = anna bob"));

        relay(smtp, "anna@office.lan", "friend@remote.example");

        // the first attempt ends with a temporary failure: the MX cannot be looked up
        String queue = Await.until("the first delivery attempt to fail", () -> shell("mail:queue"), q -> q.contains("last error:"));
        assertTrue(queue, queue.contains("from <anna@office.lan>  to friend@remote.example"));
        String id = queue.strip().split("\\s+", 2)[0];
        String stats = shell("mail:stats");
        assertTrue(stats, stats.contains("1 queued for other domains") && stats.contains("queue: 1 messages"));

        assertEquals("Deleted " + id + ".", shell("mail:delete " + id).strip());
        assertEquals("The queue is empty.", shell("mail:queue").strip());
        assertEquals("No queued message " + id + ".", shell("mail:delete " + id).strip());
        assertTrue(shell("mail:flush").contains("Delivery of the queue started"));
    }

    /** One SMTP transaction from loopback, which may relay; fails unless the message is accepted. */
    private static void relay(int port, String from, String to) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(30_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = socket.getOutputStream();
            expect(in, "220");
            for (String[] step : new String[][] {{"EHLO itest.example", "250"}, {"MAIL FROM:<" + from + ">", "250"},
                    {"RCPT TO:<" + to + ">", "250"}, {"DATA", "354"},
                    {"Subject: for the queue\r\n\r\nwaits for its MX\r\n.", "250"}, {"QUIT", "221"}}) {
                out.write((step[0] + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                expect(in, step[1]);
            }
        }
    }

    /** Reads one (possibly multi-line) reply and checks its code. */
    private static void expect(BufferedReader in, String code) throws IOException {
        String line;
        do {
            line = in.readLine();
            if (line == null) throw new AssertionError("connection closed, expected " + code);
        } while (line.length() > 3 && line.charAt(3) == '-');
        assertTrue("expected " + code + ", got " + line, line.startsWith(code));
    }

    private String shell(String command) {
        return GogoShell.run(shell, command);
    }
}
