package switchboard.mail.internal.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MessageHeadersTest {
    private static MessageHeaders parse(String message) throws Exception {
        return MessageHeaders.parse(new ByteArrayInputStream(message.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void recipientsFromVisibleAndEnvelopeFields() throws Exception {
        MessageHeaders h = parse("From: x@sender.example\r\nTo: \"Anna A.\" <Anna@Office.lan>, bob@office.lan\r\n"
                + "Cc: =?UTF-8?Q?Carol_=C3=A9?= <carol@office.lan>\r\nDelivered-To: sales@office.lan\r\nX-Original-To: dave@office.lan\r\n"
                + "Subject: To: eve@office.lan\r\n\r\nTo: frank@office.lan\r\n");
        assertEquals(Set.of("anna@office.lan", "bob@office.lan", "carol@office.lan", "sales@office.lan", "dave@office.lan"), h.recipients(),
                "neither the subject nor the body names recipients");
    }

    @Test
    void foldedFieldsAndGroups() throws Exception {
        MessageHeaders h = parse("To: team: anna@office.lan,\r\n\tbob@office.lan;\r\nCc: undisclosed-recipients:;\r\nMessage-ID:\r\n <abc@x.example>\r\n\r\n");
        assertEquals(Set.of("anna@office.lan", "bob@office.lan"), h.recipients());
        assertEquals(Optional.of("<abc@x.example>"), h.messageId());
    }

    @Test
    void anUnparsableAddressListStillYieldsWhatLooksLikeAddresses() throws Exception {
        MessageHeaders h = parse("To: <<anna@office.lan>>, \"unclosed <bob@office.lan>\r\n\r\n");
        assertTrue(h.recipients().contains("anna@office.lan"), h.recipients().toString());
        assertTrue(h.recipients().contains("bob@office.lan"), h.recipients().toString());
    }

    @Test
    void malformedMessagesYieldNothingRatherThanFail() throws Exception {
        assertEquals(new MessageHeaders(Optional.empty(), Set.of()), parse(""));
        assertEquals(new MessageHeaders(Optional.empty(), Set.of()), parse("no header at all, just text\nand more\n"));
        assertEquals(new MessageHeaders(Optional.empty(), Set.of()), parse(": empty name\r\n\u0000\u0001 binary\r\nMessage-ID: no brackets\r\n\r\n"));
        assertEquals(Set.of("anna@office.lan"), parse("To: anna@office.lan").recipients(), "a header without line end or body");
    }

    @Test
    void onlyTheFirstPartOfAHugeHeaderIsRead() throws Exception {
        String huge = "To: anna@office.lan\r\nX-Junk: " + "x".repeat(MessageHeaders.MAX_HEADER) + "\r\nCc: bob@office.lan\r\n\r\n";
        assertEquals(Set.of("anna@office.lan"), parse(huge).recipients());
    }
}
