package switchboard.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** POP3 with curl: list, retrieve, UIDL, delete on QUIT only, STLS and implicit TLS. */
@Timeout(180)
class MailPop3Test {
    @RegisterExtension
    final Switchboards switchboards = new Switchboards();

    private static void send(MailHome mail, String subject, String body) {
        ClientCommand.succeed(List.of("swaks", "--server", "127.0.0.1:" + mail.smtp, "--timeout", "20", "--from", "x@sender.example",
                "--to", "anna@office.lan", "--h-Subject", subject, "--body", body));
    }

    private static List<String> curl(String url, String... options) {
        List<String> argv = new java.util.ArrayList<>(List.of("curl", "-sS", "--max-time", "20", "-u", "anna:" + MailHome.PASSWORD));
        argv.addAll(List.of(options));
        argv.add(url);
        return argv;
    }

    @Test
    void listRetrieveUidlAndDeleteOnQuit() throws IOException {
        MailHome mail = new MailHome(switchboards.newHome(), "127.0.0.1", "");
        switchboards.start(mail.home);
        MailPorts.awaitOpen("127.0.0.1", mail.pop3);
        send(mail, "first", "one");
        send(mail, "second", ".starts with a dot");
        String pop3 = "pop3://127.0.0.1:" + mail.pop3 + "/";

        List<String> list = ClientCommand.succeed(curl(pop3)).lines().toList();
        assertEquals(2, list.size(), list.toString());
        assertTrue(list.get(0).matches("1 \\d+"), list.toString());
        String uidl = ClientCommand.succeed(curl(pop3, "-X", "UIDL"));
        assertEquals(uidl, ClientCommand.succeed(curl(pop3, "-X", "UIDL")), "UIDs are stable between sessions");

        String second = ClientCommand.succeed(curl(pop3 + "2"));
        assertTrue(second.contains("Subject: second"), second);
        assertTrue(second.contains("\n.starts with a dot"), "curl undoes the dot-stuffing: " + second);

        try (Socket s = new Socket("127.0.0.1", mail.pop3)) {
            s.setSoTimeout(20_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = s.getOutputStream();
            assertTrue(in.readLine().startsWith("+OK"));
            out.write(("USER anna\r\nPASS " + MailHome.PASSWORD + "\r\nDELE 1\r\n").getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < 3; i++) {
                String line = in.readLine();
                assertTrue(line.startsWith("+OK"), "pipelined USER, PASS, DELE: " + line);
            }
            // the connection drops without QUIT: nothing is deleted
        }
        assertEquals(2, mail.messages("anna").size());

        // QUIT releases the mailbox before its +OK: a client logging in again at once never finds it in use
        for (int i = 0; i < 10; i++) {
            try (Socket s = new Socket("127.0.0.1", mail.pop3)) {
                s.setSoTimeout(20_000);
                BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
                assertTrue(in.readLine().startsWith("+OK"));
                s.getOutputStream().write(("USER anna\r\nPASS " + MailHome.PASSWORD + "\r\nQUIT\r\n").getBytes(StandardCharsets.US_ASCII));
                for (int reply = 0; reply < 3; reply++) {
                    String line = in.readLine();
                    assertTrue(line.startsWith("+OK"), "session " + i + ", reply " + reply + ": " + line);
                }
            }
        }

        ClientCommand.succeed(curl(pop3, "-X", "DELE 1", "-I"));
        assertEquals(1, mail.messages("anna").size(), "deleted at QUIT");
        String remaining = ClientCommand.succeed(curl(pop3, "-X", "UIDL"));
        assertEquals(uidl.lines().toList().get(1).split(" ")[1], remaining.strip().split(" ")[1], "the second message kept its UID");

        String overTls = ClientCommand.succeed(curl("pop3s://127.0.0.1:" + mail.pop3s + "/1", "--insecure"));
        assertTrue(overTls.contains("Subject: second"), overTls);
    }

    @Test
    void passwordsNeedTlsUnlessAllowedFromTheLan() {
        MailHome mail = new MailHome(switchboards.newHome(), "127.0.0.1", "pop3.plaintext.lan = false\n");
        switchboards.start(mail.home);
        MailPorts.awaitOpen("127.0.0.1", mail.pop3);
        send(mail, "secret", "body");
        String pop3 = "pop3://127.0.0.1:" + mail.pop3 + "/";

        ClientCommand plain = ClientCommand.run(curl(pop3));
        assertNotEquals(0, plain.exitCode(), plain.output());
        assertEquals(List.of("1"), ClientCommand.succeed(curl(pop3, "--ssl-reqd", "--insecure")).lines().map(l -> l.split(" ")[0]).toList(),
                "after STLS the same login works");
        ClientCommand wrong = ClientCommand.run(List.of("curl", "-sS", "--max-time", "20", "--ssl-reqd", "--insecure", "-u", "anna:wrong", pop3));
        assertNotEquals(0, wrong.exitCode(), wrong.output());
    }
}
