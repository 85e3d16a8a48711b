package switchboard.mail.internal.queue;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutboundQueueTest {
    @TempDir
    Path dir;

    @Test
    void entriesSurviveANewQueueOnTheSameDirectory() throws IOException {
        QueueEntry e = new OutboundQueue(dir).enqueue("anna@office.lan", List.of("x@other.example", "y@other.example"), new byte[] {1, 2, 3});
        OutboundQueue reopened = new OutboundQueue(dir);
        QueueEntry read = reopened.find(e.id()).orElseThrow();
        assertEquals(e, read);
        assertArrayEquals(new byte[] {1, 2, 3}, reopened.message(read));
    }

    @Test
    void savedStateReplacesTheEnvelope() throws IOException {
        OutboundQueue queue = new OutboundQueue(dir);
        QueueEntry e = queue.enqueue("", List.of("x@other.example"), new byte[0]);
        QueueEntry retried = new QueueEntry(e.id(), "", List.of("x@other.example"), e.queued(), 1, Instant.parse("2030-01-01T00:00:00Z"), "451 try later");
        queue.save(retried);
        assertEquals(List.of(retried), queue.entries());
    }

    @Test
    void deleteRemovesBothFilesAndRefusesOtherNames() throws IOException {
        OutboundQueue queue = new OutboundQueue(dir);
        QueueEntry e = queue.enqueue("a@b.example", List.of("x@other.example"), new byte[0]);
        assertFalse(queue.delete("../" + e.id()));
        assertTrue(queue.delete(e.id()));
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count());
        }
        assertFalse(queue.delete(e.id()));
    }

    @Test
    void malformedEnvelopesAreRefusedAndSkipped() throws IOException {
        for (String bad : List.of("", "from: a@b\n", "from: a@b\nto: c@d\nqueued: yesterday\nnext: 2030-01-01T00:00:00Z\n",
                "to: c@d\nqueued: 2030-01-01T00:00:00Z\nnext: 2030-01-01T00:00:00Z\n"))
            assertThrows(RuntimeException.class, () -> QueueEntry.parse("x", bad), bad);
        Files.writeString(dir.resolve("0123456789abcdef0123456789abcdef.env"), "garbage");
        assertEquals(List.of(), new OutboundQueue(dir).entries());
    }
}
