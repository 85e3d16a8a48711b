package switchboard.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Inbound SMTP with swaks from loopback: local users, aliases, relay, AUTH over TLS, anti-spoofing, limits. */
@Timeout(180)
class MailSmtpTest {
    @RegisterExtension
    final Switchboards switchboards = new Switchboards();

    private RunningSwitchboard running;

    private MailHome start() {
        MailHome mail = new MailHome(switchboards.newHome(), "127.0.0.1", "max.size = 4096\n");
        mail.alias("sales", "anna bob");
        mail.alias("anna", "anna anna@isp.example");
        running = switchboards.start(mail.home);
        MailPorts.awaitOpen("127.0.0.1", mail.smtp);
        return mail;
    }

    private static List<String> swaks(MailHome mail, int port, String... options) {
        List<String> argv = new ArrayList<>(List.of("swaks", "--server", "127.0.0.1:" + port, "--helo", "client.example", "--timeout", "20"));
        argv.addAll(List.of(options));
        return argv;
    }

    @Test
    void localUsersAliasesAndUnknownRecipients() {
        MailHome mail = start();
        ClientCommand.succeed(swaks(mail, mail.smtp, "--from", "x@sender.example", "--to", "carol@office.lan", "--h-Subject", "to carol"));
        assertEquals(1, mail.messages("carol").size());
        String stored = mail.read(mail.messages("carol").get(0));
        assertTrue(stored.startsWith("Received: from client.example"), stored);
        assertTrue(stored.contains("Subject: to carol"), stored);

        ClientCommand.succeed(swaks(mail, mail.smtp, "--from", "x@sender.example", "--to", "sales@office.lan"));
        assertEquals(1, mail.messages("bob").size(), "sales fans out to bob");
        assertEquals(1, mail.messages("anna").size(), "and to anna");
        assertEquals(1, mail.queuedEnvelopes().size(), "anna's alias forwards a copy");
        assertTrue(mail.queuedEnvelopes().get(0).contains("from: sales@office.lan\nto: anna@isp.example\n"),
                "the forward leaves with the addressed alias as envelope sender: " + mail.queuedEnvelopes());

        ClientCommand unknown = ClientCommand.run(swaks(mail, mail.smtp, "--from", "x@sender.example", "--to", "nobody@office.lan"));
        assertNotEquals(0, unknown.exitCode());
        assertTrue(unknown.output().contains("<** 550 5.1.1"), unknown.output());

        String page = running.http().get("/system/console/switchboard-mail", RunningSwitchboard.ADMIN, running.initialAdminPassword()).body();
        assertTrue(page.contains("<tr><td>carol</td><td>1</td>"), "the console lists carol's mailbox: " + page);
        assertTrue(page.contains("<tr><td>sales</td><td>anna bob</td></tr>"), "and the aliases: " + page);
        assertTrue(page.contains("anna@isp.example"), "and the queue: " + page);
    }

    @Test
    void relayFromLoopbackAndTheSizeLimit() {
        MailHome mail = start();
        ClientCommand.succeed(swaks(mail, mail.smtp, "--from", "anna@office.lan", "--to", "friend@other.example"));
        assertEquals(1, mail.queuedEnvelopes().size());
        assertTrue(mail.queuedEnvelopes().get(0).startsWith("from: anna@office.lan\nto: friend@other.example\n"), mail.queuedEnvelopes().get(0));

        ClientCommand big = ClientCommand.run(swaks(mail, mail.smtp, "--from", "x@sender.example", "--to", "bob@office.lan",
                "--body", "x".repeat(900) + "\n" + "y".repeat(900) + "\n" + "z".repeat(900) + "\n" + "w".repeat(900) + "\n" + "v".repeat(900)));
        assertTrue(big.output().contains("<** 552 5.3.4"), big.output());
        assertEquals(0, mail.messages("bob").size());
    }

    @Test
    void authenticationOnlyOverTlsAndNoSpoofing() {
        MailHome mail = start();
        // without TLS, submission offers no AUTH, so no client sends its password in clear, and takes no mail
        ClientCommand plain = ClientCommand.run(swaks(mail, mail.submission, "--from", "anna@office.lan", "--to", "friend@other.example",
                "--auth", "PLAIN", "--auth-user", "anna", "--auth-password", MailHome.PASSWORD));
        assertTrue(plain.exitCode() != 0 && !plain.output().contains("-> AUTH"), plain.output());
        ClientCommand unencrypted = ClientCommand.run(swaks(mail, mail.submission, "--from", "anna@office.lan", "--to", "friend@other.example"));
        assertTrue(unencrypted.output().contains("<** 530"), unencrypted.output());
        ClientCommand inbound = ClientCommand.run(swaks(mail, mail.smtp, "--tls", "--from", "anna@office.lan", "--to", "friend@other.example",
                "--auth", "PLAIN", "--auth-user", "anna", "--auth-password", MailHome.PASSWORD));
        assertTrue(inbound.exitCode() != 0 && !inbound.output().contains("-> AUTH"), "inbound SMTP offers no AUTH at all: " + inbound.output());

        String ok = ClientCommand.succeed(swaks(mail, mail.submission, "--tls", "--from", "anna@office.lan", "--to", "friend@other.example",
                "--auth", "LOGIN", "--auth-user", "anna", "--auth-password", MailHome.PASSWORD));
        assertTrue(ok.contains("<~  235"), ok);
        assertEquals(1, mail.queuedEnvelopes().size());

        ClientCommand spoof = ClientCommand.run(swaks(mail, mail.submission, "--tls", "--from", "bob@office.lan", "--to", "friend@other.example",
                "--auth", "PLAIN", "--auth-user", "anna", "--auth-password", MailHome.PASSWORD));
        assertTrue(spoof.output().contains("<~* 553 5.7.1"), spoof.output());

        String implicit = ClientCommand.succeed(swaks(mail, mail.smtps, "--tlsc", "--from", "bob@office.lan", "--to", "anna@office.lan",
                "--auth", "PLAIN", "--auth-user", "bob", "--auth-password", MailHome.PASSWORD));
        assertTrue(implicit.contains("<~  235"), implicit);

        ClientCommand wrong = ClientCommand.run(swaks(mail, mail.smtps, "--tlsc", "--from", "bob@office.lan", "--to", "anna@office.lan",
                "--auth", "PLAIN", "--auth-user", "bob", "--auth-password", "wrong-password"));
        assertTrue(wrong.output().contains("<~* 535"), wrong.output());
        assertEquals(1, mail.messages("anna").size(), "only bob's authenticated message arrived");
    }
}
