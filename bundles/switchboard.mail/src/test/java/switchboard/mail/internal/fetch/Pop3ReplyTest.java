package switchboard.mail.internal.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Pop3ReplyTest {
    @Test
    void statusLines() throws Exception {
        assertEquals(new Pop3Reply(true, "ready"), Pop3Reply.parse("+OK ready"));
        assertEquals(new Pop3Reply(true, ""), Pop3Reply.parse("+OK"));
        assertEquals(new Pop3Reply(false, "[AUTH] Authentication failed."), Pop3Reply.parse("-ERR [AUTH] Authentication failed."));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "OK", "+ok fine", "+OKAY", "-ERROR x", "* OK IMAP4 ready", "220 smtp.example ESMTP", "\u0000+OK"})
    void malformedStatusLinesAreRefused(String line) {
        Pop3ProtocolException e = assertThrows(Pop3ProtocolException.class, () -> Pop3Reply.parse(line));
        assertTrue(e.getMessage().startsWith("not a POP3 reply"), e.getMessage());
    }

    @Test
    void controlCharactersOfAServerNeverReachALogLineRaw() {
        Pop3ProtocolException e = assertThrows(Pop3ProtocolException.class, () -> Pop3Reply.parse("bad\u001b[31mred\ttab"));
        assertFalse(e.getMessage().contains("\u001b"), e.getMessage());
        assertTrue(e.getMessage().contains("\\x1b[31mred\\x09tab"), e.getMessage());
        assertTrue(Pop3Reply.printable("x".repeat(500)).length() < 130);
    }

    @Test
    void statReply() throws Exception {
        assertEquals(new Pop3Reply.Drop(2, 320), Pop3Reply.parse("+OK 2 320").drop());
        assertEquals(new Pop3Reply.Drop(0, 0), Pop3Reply.parse("+OK 0 0 extra words").drop());
    }

    @ParameterizedTest
    @ValueSource(strings = {"+OK", "+OK two 320", "+OK 2", "+OK -1 5", "+OK 2 3.5", "+OK 99999999999 1"})
    void malformedStatRepliesAreRefused(String line) throws Exception {
        Pop3Reply reply = Pop3Reply.parse(line);
        assertThrows(Pop3ProtocolException.class, reply::drop);
    }

    @Test
    void uidlLines() throws Exception {
        assertEquals(new Pop3Reply.Listing(1, "whqtswO00WBw418f9t5JxYwZ"), Pop3Reply.listing("1 whqtswO00WBw418f9t5JxYwZ"));
        assertEquals(new Pop3Reply.Listing(12, "~!x"), Pop3Reply.listing("12 ~!x"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1", "1 ", " 1 abc", "0 abc", "-1 abc", "x abc", "1 abc def", "1  abc", "1 abc\u00e9", "1 tab\there"})
    void malformedUidlLinesAreRefused(String line) {
        assertThrows(Pop3ProtocolException.class, () -> Pop3Reply.listing(line));
    }

    @Test
    void uidLongerThanSeventyCharactersIsRefused() throws Exception {
        Pop3Reply.listing("1 " + "a".repeat(70));
        assertThrows(Pop3ProtocolException.class, () -> Pop3Reply.listing("1 " + "a".repeat(71)));
    }

    @Test
    void replyLinesAreBounded() {
        Pop3Lines lines = new Pop3Lines(stream("+OK " + "x".repeat(Pop3Lines.MAX) + "\r\n"));
        assertThrows(Pop3ProtocolException.class, lines::read);
    }

    @Test
    void aClosedConnectionIsAnEndOfFileNotANullLine() throws Exception {
        Pop3Lines lines = new Pop3Lines(stream("+OK bye\n"));
        assertEquals("+OK bye", lines.read(), "a bare LF ends a line too");
        assertThrows(EOFException.class, lines::read);
    }

    @Test
    void messageDataIsUnstuffedAndEndsAtTheDotLine() throws Exception {
        String wire = "Subject: x\r\n\r\n..starts with a dot\r\n.\r\nnot part of it\r\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayInputStream in = stream(wire);
        long n = DotTerminatedBody.copy(in, out);
        assertEquals("Subject: x\r\n\r\n.starts with a dot\r\n", out.toString(StandardCharsets.UTF_8));
        assertEquals(out.size(), n);
        assertEquals("not part of it\r\n", new String(in.readAllBytes(), StandardCharsets.UTF_8), "nothing after the terminator is read");
    }

    @Test
    void messageDataKeepsBareLineEndsNulsAndEightBitBytesAsTheyCame() throws Exception {
        byte[] body = {'a', 0, (byte) 0xff, '\n', '.', '.', '\n', 'b', '\r', 'c', '\r', '\n'};
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        wire.writeBytes(body);
        wire.writeBytes(".\r\n".getBytes(StandardCharsets.US_ASCII));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DotTerminatedBody.copy(new ByteArrayInputStream(wire.toByteArray()), out);
        assertEquals(new String(new byte[] {'a', 0, (byte) 0xff, '\n', '.', '\n', 'b', '\r', 'c', '\r', '\n'}, StandardCharsets.ISO_8859_1),
                out.toString(StandardCharsets.ISO_8859_1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Subject: cut", "Subject: cut\r\n", "Subject: x\r\n.", "Subject: x\r\n.\r"})
    void aConnectionEndingInsideAMessageIsAnError(String wire) {
        assertThrows(EOFException.class, () -> DotTerminatedBody.copy(stream(wire), new ByteArrayOutputStream()));
    }

    @Test
    void listingLinesAreUnstuffedToo() throws IOException {
        Pop3Lines lines = new Pop3Lines(stream("1 a\r\n..2\r\n.\r\n"));
        assertEquals("1 a", DotTerminatedBody.readListingLine(lines));
        assertEquals(".2", DotTerminatedBody.readListingLine(lines));
        assertEquals(null, DotTerminatedBody.readListingLine(lines));
    }

    private static ByteArrayInputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1));
    }
}
