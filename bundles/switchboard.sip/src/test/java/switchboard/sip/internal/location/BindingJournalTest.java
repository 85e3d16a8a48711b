package switchboard.sip.internal.location;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(10)
class BindingJournalTest {
    @TempDir
    Path dir;

    static Binding binding(String contact, long expiresAt) {
        return new Binding("sip:201@office.example", contact, expiresAt, "call-1", 3, "Yealink\tT46", "192.0.2.7:5060",
                "<sip:edge.example;lr>", true);
    }

    @Test
    void replaysAddsAndRemovesAndDropsExpiredBindings() throws IOException {
        Binding keep = binding("sip:201@10.0.0.7:5062", 10_000);
        Binding gone = binding("sip:201@10.0.0.8", 10_000);
        Binding expired = binding("sip:201@10.0.0.9", 500);
        try (BindingJournal journal = new BindingJournal(dir)) {
            assertEquals(List.of(), journal.open(0));
            journal.append(List.of(keep, gone, expired), List.of());
            journal.append(List.of(), List.of(gone));
        }
        try (BindingJournal reopened = new BindingJournal(dir)) {
            List<Binding> loaded = reopened.open(1000);
            assertEquals(List.of(keep), loaded);
            assertEquals("Yealink T46", loaded.get(0).userAgent());
        }
        assertEquals(1, Files.readAllLines(dir.resolve("bindings")).size());
    }

    @Test
    void aLineTornByACrashIsSkipped() throws IOException {
        Binding keep = binding("sip:201@10.0.0.7", 10_000);
        try (BindingJournal journal = new BindingJournal(dir)) {
            journal.open(0);
            journal.append(List.of(keep), List.of());
        }
        Files.writeString(dir.resolve("bindings"), "+\tsip:202@office.example\tsip:202@10.0.0", StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
        try (BindingJournal reopened = new BindingJournal(dir)) {
            assertEquals(List.of(keep), reopened.open(0));
        }
    }

    @Test
    void compactionIsWantedOnlyWhenSupersededLinesDominate() throws IOException {
        try (BindingJournal journal = new BindingJournal(dir)) {
            journal.open(0);
            List<Binding> many = new ArrayList<>();
            for (int i = 0; i < 10_001; i++) many.add(binding("sip:201@10.0.0." + i, 10_000));
            journal.append(many, List.of());
            assertFalse(journal.wantsCompaction(10_001));
            assertTrue(journal.wantsCompaction(10));
            journal.rewrite(many.subList(0, 10));
            assertFalse(journal.wantsCompaction(10));
        }
        try (BindingJournal reopened = new BindingJournal(dir)) {
            assertEquals(10, reopened.open(0).size());
        }
    }
}
