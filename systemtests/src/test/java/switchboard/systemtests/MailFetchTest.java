package switchboard.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Fetching from the provider by POP3, against Dovecot run by the test: per-user accounts, the catch-all
 * with aliases and the admin fallback, kept messages across a restart, failures that hold up nothing
 * else, a connection dropped inside a message and a kill in the middle of a fetch.
 */
@Timeout(240)
class MailFetchTest {
    private static final String MAIL_PAGE = "/system/console/switchboard-mail";
    /** The console's columns fetched and delivered since start, after the result. */
    private static final String SINCE_START = "</td><td>%d</td><td>%d</td>";
    private static final Pattern SUBJECT = Pattern.compile("(?m)^Subject: (.*?)\r?$");

    @RegisterExtension
    final Switchboards switchboards = new Switchboards();

    private static String message(String subject, String headers) {
        return "From: sender@else.example\nSubject: " + subject + "\nMessage-ID: <" + subject.replace(' ', '.') + "@else.example>\n"
                + headers + "\nBody of " + subject + "\n";
    }

    private static void account(MailHome mail, String name, String settings) {
        mail.home.writeConfig("switchboard.mail.fetch-" + name, "server = 127.0.0.1\ninterval = 2\ntimeout = 5\n" + settings);
    }

    private static void trust(MailHome mail, Dovecot isp) {
        try {
            Files.copy(isp.certificate(), mail.home.root().resolve("etc/isp.pem"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Subjects of the messages in a user's mailbox, sorted, duplicates kept. */
    private static List<String> subjects(MailHome mail, String user) {
        List<String> out = new ArrayList<>();
        for (Path m : mail.messages(user)) {
            Matcher s = SUBJECT.matcher(new String(bytes(m), StandardCharsets.ISO_8859_1));
            out.add(s.find() ? s.group(1) : "(no subject)");
        }
        out.sort(null);
        return out;
    }

    private static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String page(RunningSwitchboard running) {
        return running.http().get(MAIL_PAGE, RunningSwitchboard.ADMIN, running.initialAdminPassword()).body();
    }

    /** Waits until the console's row for {@code mailbox} shows a result matching {@code result}. */
    private static void awaitResult(RunningSwitchboard running, String mailbox, String result) {
        Pattern row = Pattern.compile("<tr><td>" + Pattern.quote(mailbox) + "</td>.*?</tr>");
        Poll.until(Duration.ofSeconds(60), mailbox + " to show " + result, () -> {
            Matcher m = row.matcher(page(running));
            return m.find() && Pattern.compile(result).matcher(m.group()).find();
        });
    }

    @Test
    void perUserAndCatchAllDeliveryAndKeptMessagesAreNotFetchedAgainAfterARestart() throws IOException {
        MailHome mail = new MailHome(switchboards.newHome(), "127.0.0.1", "");
        mail.alias("sales", "anna carol");
        try (Dovecot isp = new Dovecot(switchboards.testDirectory().resolve("isp"), Map.of("isp-anna", "anna-at-isp", "office", "office-at-isp"))) {
            isp.deliver("isp-anna", message("A1 elsewhere", "To: someone@else.example\n"));
            isp.deliver("isp-anna", message("A2 for bob", "To: bob@office.lan\n"));
            isp.deliver("office", message("C1 anna and bob", "To: \"Anna\" <anna@office.lan>\nCc: bob@office.lan\n"));
            isp.deliver("office", message("C2 sales and anna", "To: sales@office.lan\nCc: Anna <ANNA@office.lan>\n"));
            isp.deliver("office", message("C3 stranger", "To: stranger@else.example\n"));
            isp.deliver("office", message("C4 list", "To: list@lists.example\nDelivered-To: bob@office.lan\n"));
            String longLine = "x".repeat(20_000);
            isp.deliver("office", ("not a header line\n..two dots\n.one dot\n" + longLine + "\nlast line without an end").getBytes(StandardCharsets.UTF_8));
            trust(mail, isp);
            account(mail, "anna", "user = anna\nport = " + isp.pop3 + "\ntls = starttls\nlogin = isp-anna\npassword = anna-at-isp\n"
                    + "tls.certificate = isp.pem\n");
            account(mail, "office", "user = admin\nport = " + isp.pop3s + "\ntls = implicit\nlogin = office\npassword = office-at-isp\n"
                    + "tls.certificate = isp.pem\nkeep = true\n");

            RunningSwitchboard running = switchboards.start(mail.home);
            String office = "office@127.0.0.1:" + isp.pop3s;
            awaitResult(running, "isp-anna@127.0.0.1:" + isp.pop3, "ok: .*" + SINCE_START.formatted(2, 2));
            awaitResult(running, office, "ok: 5 at the provider.*" + SINCE_START.formatted(5, 7));

            assertEquals(List.of("A1 elsewhere", "A2 for bob", "C1 anna and bob", "C2 sales and anna"), subjects(mail, "anna"),
                    "per-user: everything, however addressed; catch-all: once although named twice");
            assertEquals(List.of("C1 anna and bob", "C4 list"), subjects(mail, "bob"), "Cc and Delivered-To count");
            assertEquals(List.of("C2 sales and anna"), subjects(mail, "carol"), "the alias sales expanded");
            assertEquals(List.of("(no subject)", "C3 stranger"), subjects(mail, "admin"), "no local recipient: the admin gets it");
            String malformed = mail.messages("admin").stream().map(p -> new String(bytes(p), StandardCharsets.UTF_8))
                    .filter(t -> t.startsWith("not a header line")).findFirst().orElseThrow();
            assertTrue(malformed.contains("\n..two dots\r\n.one dot\r\n" + longLine + "\r\n"), "unstuffed, long line whole");
            assertEquals(0, isp.count("isp-anna"), "deleted at the provider once stored");
            assertEquals(5, isp.count("office"), "kept at the provider");

            awaitResult(running, office, "ok: 5 at the provider, 0 fetched, 0 delivered");
            for (String name : List.of("anna", "office")) {
                Path file = mail.home.root().resolve("etc/switchboard.mail.fetch-" + name + ".cfg");
                Poll.until(Duration.ofSeconds(30), "the password encrypted in " + file, () -> {
                    String cfg = TextFile.read(file);
                    return cfg.contains("enc:") && !cfg.contains("-at-isp");
                });
            }
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                    mail.home.root().resolve("data/mail/fetch/password.key"))), "the key is the owner's only");
            String page = page(running);
            assertFalse(page.contains("anna-at-isp") || page.contains("office-at-isp"), "no password on the console");
            running.process().stop();

            isp.deliver("office", message("C5 carol later", "To: carol@office.lan\n"));
            // from here on anna's password comes from its encrypted form; office's is given again, with a long interval
            account(mail, "office", "user = admin\nport = " + isp.pop3s + "\ntls = implicit\nlogin = office\npassword = office-at-isp\n"
                    + "tls.certificate = isp.pem\nkeep = true\ninterval = 3600\n");
            RunningSwitchboard again = switchboards.start(mail.home);
            awaitResult(again, office, "ok: 6 at the provider.*" + SINCE_START.formatted(1, 1));
            Matcher token = Pattern.compile("name='csrf' value='([^']+)'").matcher(page(again));
            assertTrue(token.find());
            assertTrue(again.http().postForm(MAIL_PAGE, RunningSwitchboard.ADMIN, again.initialAdminPassword(),
                    Map.of("csrf", token.group(1), "fetch", "now")).body().contains("Fetching 2 accounts."));
            awaitResult(again, office, "ok: 6 at the provider, 0 fetched, 0 delivered");
            assertEquals(List.of("C2 sales and anna", "C5 carol later"), subjects(mail, "carol"));
            assertEquals(4, subjects(mail, "anna").size(), "nothing fetched twice across the restart");
            assertEquals(2, subjects(mail, "admin").size());
            String log = String.join("\n", mail.home.logLines());
            assertFalse(log.contains("anna-at-isp") || log.contains("office-at-isp"), "no password in the log");
        }
    }

    @Test
    void wrongPasswordSilentServerAndUntrustedCertificateAreReportedOnceAndHoldUpNoOtherAccount() throws IOException {
        MailHome mail = new MailHome(switchboards.newHome(), "127.0.0.1", "");
        try (Dovecot isp = new Dovecot(switchboards.testDirectory().resolve("isp"), Map.of("isp-bob", "bob-at-isp"));
                ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            isp.deliver("isp-bob", message("B1 for bob", "To: bob@office.lan\n"));
            trust(mail, isp);
            account(mail, "bob", "user = bob\nport = " + isp.pop3 + "\nlogin = isp-bob\npassword = bob-at-isp\ntls.certificate = isp.pem\n");
            account(mail, "wrong", "user = carol\nport = " + isp.pop3 + "\nlogin = isp-bob\npassword = not-the-password\ntls.certificate = isp.pem\n");
            account(mail, "silent", "user = anna\nport = " + silent.getLocalPort() + "\ntls = none\nlogin = anna\npassword = silent-secret\n");
            account(mail, "untrusted", "user = admin\nport = " + isp.pop3s + "\ntls = implicit\nlogin = isp-bob\npassword = bob-at-isp\n");

            RunningSwitchboard running = switchboards.start(mail.home);
            awaitResult(running, "isp-bob@127.0.0.1:" + isp.pop3 + "</td><td>bob", "ok: .*" + SINCE_START.formatted(1, 1));
            assertEquals(List.of("B1 for bob"), subjects(mail, "bob"));
            awaitResult(running, "isp-bob@127.0.0.1:" + isp.pop3 + "</td><td>bob", "ok: 0 at the provider");

            awaitResult(running, "isp-bob@127.0.0.1:" + isp.pop3 + "</td><td>carol", "login refused: .*after [2-9] failed attempts");
            awaitResult(running, "anna@127.0.0.1:" + silent.getLocalPort(), "no answer from 127.0.0.1:\\d+ within 5 s.*after [2-9] failed attempts");
            awaitResult(running, "isp-bob@127.0.0.1:" + isp.pop3s, "TLS with 127.0.0.1:\\d+ failed: .*after [2-9] failed attempts");
            List<String> log = mail.home.logLines();
            for (String mailbox : List.of("isp-bob@127.0.0.1:" + isp.pop3 + " failed", "anna@127.0.0.1:" + silent.getLocalPort() + " failed",
                    "isp-bob@127.0.0.1:" + isp.pop3s + " failed"))
                assertEquals(1, log.stream().filter(l -> l.contains("mail fetch " + mailbox)).count(), "one log line per incident: " + mailbox);
            assertTrue(subjects(mail, "carol").isEmpty() && subjects(mail, "anna").isEmpty() && subjects(mail, "admin").isEmpty());
            String page = page(running);
            assertFalse(page.contains("bob-at-isp") || page.contains("not-the-password") || page.contains("silent-secret"), page);
            String health = running.http().get("/system/health?tags=switchboard").body();
            assertTrue(health.contains("tls = none, the password crosses the network in clear text"), health);
            assertTrue(health.contains("login refused"), health);
            assertFalse(health.contains("bob-at-isp") || health.contains("not-the-password") || health.contains("silent-secret"), health);
        }
    }

    @Test
    void aConnectionDroppedInsideAMessageLosesNothingAndDuplicatesNothing() throws IOException {
        MailHome mail = new MailHome(switchboards.newHome(), "127.0.0.1", "");
        try (DroppingPop3Server provider = new DroppingPop3Server(List.of(message("D1 first", "To: anna@office.lan\n"),
                message("D2 second", "To: anna@office.lan\n") + "a longer body line to cut in two\n".repeat(50)))) {
            account(mail, "anna", "user = anna\nport = " + provider.port() + "\ntls = none\nlogin = anna\npassword = dropped-secret\n");
            RunningSwitchboard running = switchboards.start(mail.home);
            String mailbox = "anna@127.0.0.1:" + provider.port();
            Poll.until(Duration.ofSeconds(60), "the dropped connection in the log", () -> mail.home.logLines().stream()
                    .anyMatch(l -> l.contains("mail fetch " + mailbox + " failed: the connection ended in the middle of a message")));
            awaitResult(running, mailbox, "ok: .*" + SINCE_START.formatted(2, 2));
            awaitResult(running, mailbox, "ok: 0 at the provider");
            assertEquals(List.of("D1 first", "D2 second"), subjects(mail, "anna"), "the first one kept from the dropped session, once");
            assertEquals(0, provider.remaining(), "deleted once both were stored");
            assertEquals(0, mail.tmpFiles("anna"));
            try (Stream<Path> downloads = Files.list(mail.home.root().resolve("data/mail/fetch/tmp"))) {
                assertEquals(0, downloads.count(), "no download left behind");
            }
        }
    }

    @Test
    void aKillInTheMiddleOfAFetchLosesNothingAndDuplicatesNothing() throws IOException {
        MailHome mail = new MailHome(switchboards.newHome(), "127.0.0.1", "");
        int total = 120;
        try (Dovecot isp = new Dovecot(switchboards.testDirectory().resolve("isp"), Map.of("isp-anna", "anna-at-isp"))) {
            String filler = "filler line of a message of some size\n".repeat(500);
            for (int i = 0; i < total; i++) isp.deliver("isp-anna", message(String.format("K%03d", i), "To: anna@office.lan\n") + filler);
            trust(mail, isp);
            account(mail, "anna", "user = anna\nport = " + isp.pop3 + "\nlogin = isp-anna\npassword = anna-at-isp\ntls.certificate = isp.pem\n");
            RunningSwitchboard running = switchboards.start(mail.home);
            Poll.until(Duration.ofSeconds(60), "the first messages", () -> mail.messages("anna").size() >= 5);
            running.process().kill();
            int atKill = mail.messages("anna").size();

            switchboards.start(mail.home);
            Poll.until(Duration.ofSeconds(120), "all messages fetched and deleted at the provider",
                    () -> isp.count("isp-anna") == 0 && mail.messages("anna").size() >= total);
            Map<String, Integer> copies = new TreeMap<>();
            for (String s : subjects(mail, "anna")) copies.merge(s, 1, Integer::sum);
            assertEquals(total, copies.size(), "every message arrived (" + atKill + " before the kill)");
            assertTrue(copies.values().stream().allMatch(n -> n == 1), "none twice: " + copies);
        }
    }
}
