package switchboard.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

/** Malformed and abusive SMTP input gets a reply code or a closed connection; nothing partial is stored. */
@Timeout(180)
class MailBadInputTest {
    @RegisterExtension
    final Switchboards switchboards = new Switchboards();

    /** One SMTP conversation over a raw socket, bytes exactly as given. */
    private static final class RawSmtp implements AutoCloseable {
        private final Socket socket;
        private final OutputStream out;
        private final BufferedReader in;

        RawSmtp(int port) throws IOException {
            socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(20_000);
            out = socket.getOutputStream();
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            assertTrue(reply().startsWith("220"));
        }

        void send(String raw) throws IOException {
            out.write(raw.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }

        /** The last line of the next (possibly multi-line) reply, or null when the server closed. */
        String reply() throws IOException {
            String line;
            do {
                line = in.readLine();
            } while (line != null && line.length() > 3 && line.charAt(3) == '-');
            return line;
        }

        String command(String line) throws IOException {
            send(line + "\r\n");
            return reply();
        }

        void startData() throws IOException {
            assertTrue(command("EHLO client.example").startsWith("250"));
            assertTrue(command("MAIL FROM:<x@sender.example>").startsWith("250"));
            assertTrue(command("RCPT TO:<anna@office.lan>").startsWith("250"));
            assertTrue(command("DATA").startsWith("354"));
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    @Test
    void malformedInputIsRefusedAndTheServerKeepsServing() throws IOException {
        MailHome mail = new MailHome(switchboards.newHome(), "127.0.0.1", "timeout = 5\n");
        switchboards.start(mail.home);
        MailPorts.awaitOpen("127.0.0.1", mail.smtp);

        try (RawSmtp s = new RawSmtp(mail.smtp)) {
            String overlong = s.command("HELO " + "x".repeat(2000));
            // the server answers 501 and closes; the reset for the unread rest of the line may discard the answer
            assertTrue(overlong == null || overlong.startsWith("501"), "overlong line: " + overlong);
        }
        try (RawSmtp s = new RawSmtp(mail.smtp)) {
            assertTrue(s.command("FROB nicate").startsWith("500"), "unknown command");
            assertTrue(s.command("MAIL FROM:<not an address>").startsWith("553"), "bad sender syntax");
            assertTrue(s.command("RCPT TO:<anna@office.lan>").startsWith("503"), "RCPT before MAIL");
            assertTrue(s.command("DATA").startsWith("503"), "DATA before RCPT");
        }
        for (String body : List.of("Subject: bare LF\nbody\r\n.\r\n", "Subject: NUL\r\nbo\u0000dy\r\n.\r\n")) {
            try (RawSmtp s = new RawSmtp(mail.smtp)) {
                s.startData();
                assertTrue(s.command(body.substring(0, body.length() - 2)).startsWith("554 5.6.0"), body);
                assertTrue(s.command("NOOP").startsWith("250"), "the session goes on after the refusal");
            }
        }
        try (RawSmtp s = new RawSmtp(mail.smtp)) {
            s.startData();
            s.send("Subject: cut off\r\n\r\nhalf a mess");
        }
        try (RawSmtp s = new RawSmtp(mail.smtp)) {
            // pipelined transaction and a client that then goes silent past the idle timeout
            s.send("EHLO client.example\r\nMAIL FROM:<x@sender.example>\r\nRCPT TO:<anna@office.lan>\r\nDATA\r\n");
            assertEquals("250 Ok", s.reply());
            assertTrue(s.reply().startsWith("250"));
            assertTrue(s.reply().startsWith("250"));
            assertTrue(s.reply().startsWith("354"));
            s.send("Subject: pipelined\r\n\r\nwhole\r\n.\r\n");
            assertTrue(s.reply().startsWith("250"));
            String idle = s.reply();
            assertTrue(idle == null || idle.startsWith("421"), "an idle client is disconnected: " + idle);
        }
        assertEquals(1, mail.messages("anna").size(), "only the complete message was stored");
        assertTrue(mail.read(mail.messages("anna").get(0)).contains("Subject: pipelined"));
        assertEquals(0, mail.tmpFiles("anna"));
    }
}
