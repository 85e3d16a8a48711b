package switchboard.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.Hashtable;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import javax.inject.Inject;
import org.apache.felix.service.command.CommandProcessor;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.service.cm.ConfigurationAdmin;
import switchboard.api.accounts.UserDirectory;

/**
 * {@code mail:fetch-status} and {@code mail:fetch} on the assembled runtime. The provider is this runtime's
 * own POP3 server: bob's account fetches anna's mailbox. An update of the mail bundle leaves no fetch thread behind.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class MailFetchShellIT extends RuntimeTest {
    private static final String PASSWORD = "Fetch-Shell-Test-Password-42";

    @Inject
    private ConfigurationAdmin configurationAdmin;
    @Inject
    private CommandProcessor shell;
    @Inject
    private UserDirectory users;

    @Test
    public void fetchStatusListsTheAccountWithoutItsPasswordAndFetchRunsItNow() throws Exception {
        int pop3 = FreePort.tcp();
        configurationAdmin.getConfiguration("switchboard.mail", "?").update(new Hashtable<>(Map.of("smtp.port", String.valueOf(FreePort.tcp()),
                "submission.port", "0", "smtps.port", "0", "pop3.port", String.valueOf(pop3), "pop3s.port", "0")));
        users.create("anna", PASSWORD.toCharArray(), Optional.empty());
        users.create("bob", PASSWORD.toCharArray(), Optional.empty());
        Await.listening("the POP3 server", pop3);
        put("anna", "first");

        configurationAdmin.createFactoryConfiguration("switchboard.mail.fetch", "?").update(new Hashtable<>(Map.of("user", "bob",
                "server", "127.0.0.1", "port", String.valueOf(pop3), "tls", "none", "login", "anna", "password", PASSWORD, "interval", "86400")));
        Await.until("bob to receive anna's message", () -> count("bob") == 1 && count("anna") == 0);
        Await.until("the first run to be reported", () -> shell("mail:fetch-status").contains("1 fetched, 1 delivered"));
        String status = shell("mail:fetch-status");
        assertTrue(status, status.contains("anna@127.0.0.1:" + pop3 + "  -> bob"));
        assertFalse(status, status.contains(PASSWORD));

        put("anna", "second");
        assertEquals("Fetching 1 accounts; see mail:fetch-status.", shell("mail:fetch").strip());
        Await.until("bob to receive the second message although the interval is a day", () -> count("bob") == 2 && count("anna") == 0);

        Bundle mail = Arrays.stream(context.getBundles()).filter(b -> b.getSymbolicName().equals("switchboard.mail")).findFirst().orElseThrow();
        Set<Thread> fetchThreads = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("switchboard-mail-fetch")).collect(Collectors.toSet());
        assertFalse("the fetcher runs threads", fetchThreads.isEmpty());
        put("anna", "third");
        mail.update();
        assertEquals("fetch threads of the old bundle still alive", List.of(), BundleThreads.survivors(fetchThreads, Duration.ofSeconds(10)));
        Await.until("the updated bundle to fetch at once, the first two not again", () -> count("bob") == 3 && count("anna") == 0);
    }

    private Path maildir(String user) {
        return home().root().resolve("data/mail").resolve(user).resolve("Maildir");
    }

    private void put(String user, String subject) throws IOException {
        Path dir = Files.createDirectories(maildir(user).resolve("new"));
        Files.writeString(dir.resolve(System.currentTimeMillis() + "." + subject + ".itest"),
                "From: x@example.org\r\nSubject: " + subject + "\r\nMessage-ID: <" + subject + "@example.org>\r\n\r\nbody\r\n", StandardCharsets.UTF_8);
    }

    private int count(String user) {
        int n = 0;
        for (String sub : new String[] {"new", "cur"}) {
            Path dir = maildir(user).resolve(sub);
            if (!Files.isDirectory(dir)) continue;
            try (Stream<Path> files = Files.list(dir)) {
                n += (int) files.count();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return n;
    }

    private String shell(String command) {
        return GogoShell.run(shell, command);
    }
}
