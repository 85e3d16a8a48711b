package switchboard.mail.internal.pop3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import switchboard.mail.internal.net.DotStuffing;

class Pop3ParsingTest {
    private static String encode(String message, int lines) {
        return new String(DotStuffing.encode(message.getBytes(StandardCharsets.ISO_8859_1), lines), StandardCharsets.ISO_8859_1);
    }

    @Test
    void retrStuffsDotsAndEndsEveryLineWithCrlf() {
        assertEquals("Subject: x\r\n\r\n..leading dot\r\nbare lf\r\n.\r\n", encode("Subject: x\r\n\r\n.leading dot\r\nbare lf\n", -1));
        assertEquals(".\r\n", encode("", -1));
        assertEquals("no final newline\r\n.\r\n", encode("no final newline", -1));
    }

    @Test
    void topSendsHeadersAndTheFirstBodyLines() {
        String m = "A: 1\r\nB: 2\r\n\r\none\r\ntwo\r\nthree\r\n";
        assertEquals("A: 1\r\nB: 2\r\n\r\n.\r\n", encode(m, 0));
        assertEquals("A: 1\r\nB: 2\r\n\r\none\r\ntwo\r\n.\r\n", encode(m, 2));
        assertEquals("A: 1\r\nB: 2\r\n\r\none\r\ntwo\r\nthree\r\n.\r\n", encode(m, 99));
    }

    @Test
    void commandLinesEndAtLfAndAreBounded() throws IOException {
        InputStream in = new ByteArrayInputStream("USER anna\r\nPASS x\nQUIT".getBytes(StandardCharsets.US_ASCII));
        assertEquals("USER anna", CommandLine.read(in));
        assertEquals("PASS x", CommandLine.read(in));
        assertNull(CommandLine.read(in), "an unterminated last line is no command");
        InputStream longLine = new ByteArrayInputStream(("X".repeat(300) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        assertThrows(CommandLine.TooLongException.class, () -> CommandLine.read(longLine));
    }

    @Test
    void messageNumbersAreSmallDecimals() {
        assertEquals(12, Pop3Session.number("12"));
        for (String bad : new String[] {"", "-1", "1x", "99999999999", "١"}) assertEquals(-1, Pop3Session.number(bad), bad);
    }
}
