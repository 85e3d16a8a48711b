package switchboard.mail.internal.maildir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MaildirTest {
    @TempDir
    Path dir;

    @Test
    void deliveredMessageIsInNewAndTmpIsEmpty() throws IOException {
        Maildir box = new MailStore(dir).mailbox("anna");
        byte[] message = "Subject: hi\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII);
        String name = box.deliver(message);
        assertArrayEquals(message, Files.readAllBytes(dir.resolve("anna/Maildir/new").resolve(name)));
        try (var tmp = Files.list(dir.resolve("anna/Maildir/tmp"))) {
            assertEquals(0, tmp.count());
        }
        assertTrue(Files.isDirectory(dir.resolve("anna/Maildir/cur")));
    }

    @Test
    void namesAreUniqueAndMessagesListInDeliveryOrder() throws IOException {
        Maildir box = new MailStore(dir).mailbox("bob");
        String first = box.deliver(new byte[] {'a'});
        String second = box.deliver(new byte[] {'b', 'c'});
        List<MaildirMessage> messages = box.messages();
        assertEquals(List.of(first, second), messages.stream().map(MaildirMessage::uniqueName).toList());
        assertEquals(2, messages.get(1).size());
        box.delete(messages.get(0));
        assertEquals(List.of(second), box.messages().stream().map(MaildirMessage::uniqueName).toList());
    }

    @Test
    void uniqueNameIgnoresFlagsOfMessagesInCur() throws IOException {
        Maildir box = new MailStore(dir).mailbox("anna").create();
        Files.writeString(box.root().resolve("cur/123.M1P1Q1.host:2,S"), "x");
        assertEquals("123.M1P1Q1.host", box.messages().get(0).uniqueName());
    }

    @Test
    void usageCountsMessagesAndBytesPerMailbox() throws IOException {
        MailStore store = new MailStore(dir);
        store.mailbox("anna").deliver(new byte[10]);
        store.mailbox("anna").deliver(new byte[5]);
        store.mailbox("bob").create();
        assertEquals(List.of(new MailStore.Usage("anna", 2, 15), new MailStore.Usage("bob", 0, 0)), store.usage());
    }

    @Test
    void namesThatAreNotUsersNeverBecomePaths() {
        MailStore store = new MailStore(dir);
        for (String bad : List.of("../etc", "Anna", "", "a/b", "a..b"))
            assertThrows(IllegalArgumentException.class, () -> store.mailbox(bad), bad);
    }
}
