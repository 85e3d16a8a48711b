package switchboard.dhcp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import switchboard.api.network.Cidr;

class LeaseJournalTest {
    @TempDir
    Path dir;

    private static Lease bound(int n, long expires) {
        return new Lease("hw:02:00:5e:00:00:0" + n, "02:00:5e:00:00:0" + n, Cidr.parseIpv4("192.168.2." + n), "pc" + n, expires, Lease.State.BOUND);
    }

    private LeaseTable reopen() throws Exception {
        LeaseTable table = new LeaseTable();
        try (LeaseJournal journal = new LeaseJournal(dir)) {
            journal.open(table);
        }
        return table;
    }

    @Test
    void replaysBindsReleasesAndDeclines() throws Exception {
        try (LeaseJournal journal = new LeaseJournal(dir)) {
            journal.open(new LeaseTable());
            journal.append(List.of(LeaseJournal.record(bound(1, 5_000)), LeaseJournal.record(bound(2, 6_000))));
            journal.append(List.of(LeaseJournal.record(bound(2, 6_000).released()), LeaseJournal.declined(Cidr.parseIpv4("192.168.2.9"), 9_000)));
        }
        LeaseTable table = reopen();
        assertEquals(bound(1, 5_000), table.forClient("hw:02:00:5e:00:00:01").orElseThrow());
        assertEquals(Lease.State.RELEASED, table.forClient("hw:02:00:5e:00:00:02").orElseThrow().state());
        assertTrue(table.quarantined(Cidr.toInt(Cidr.parseIpv4("192.168.2.9")), 8_000));
    }

    @Test
    void aTornLastRecordIsCutAndLaterRecordsStayReadable() throws Exception {
        Path file = dir.resolve(LeaseJournal.FILE_NAME);
        Files.writeString(file, LeaseJournal.record(bound(1, 5_000)) + "\nB hw:02:00:5e:00:00:02 02:00:5e", StandardCharsets.UTF_8);
        try (LeaseJournal journal = new LeaseJournal(dir)) {
            journal.open(new LeaseTable());
            journal.append(List.of(LeaseJournal.record(bound(3, 7_000))));
        }
        LeaseTable table = reopen();
        assertEquals(2, table.all().size());
        assertTrue(table.forClient("hw:02:00:5e:00:00:03").isPresent());
    }

    @Test
    void garbageLinesAreSkippedNotFatal() throws Exception {
        Files.writeString(dir.resolve(LeaseJournal.FILE_NAME), "X nonsense\nB too few\nD 1.2.3 4\nB k m 192.168.2.1 notanumber h\n"
                + LeaseJournal.record(bound(1, 5_000)) + "\n", StandardCharsets.UTF_8);
        LeaseTable table = new LeaseTable();
        try (LeaseJournal journal = new LeaseJournal(dir)) {
            journal.open(table);
            assertEquals(4, journal.skippedLines());
        }
        assertEquals(1, table.all().size());
    }

    @Test
    void compactionKeepsTheStateAndShrinksTheFile() throws Exception {
        Path file = dir.resolve(LeaseJournal.FILE_NAME);
        LeaseTable table = new LeaseTable();
        try (LeaseJournal journal = new LeaseJournal(dir)) {
            journal.open(table);
            for (int batch = 0; batch < 12; batch++) {
                List<String> records = new java.util.ArrayList<>();
                for (int i = 0; i < 1_000; i++) {
                    Lease l = bound(1 + i % 3, 10_000 + batch * 1_000 + i);
                    table.put(l);
                    records.add(LeaseJournal.record(l));
                }
                journal.append(records);
            }
            assertTrue(journal.wantsCompaction(table));
            journal.compact(table);
            journal.append(List.of(LeaseJournal.record(bound(4, 1))));
        }
        assertEquals(4, Files.readAllLines(file).size());
        LeaseTable replayed = reopen();
        assertEquals(table.forClient("hw:02:00:5e:00:00:01"), replayed.forClient("hw:02:00:5e:00:00:01"));
        assertEquals(4, replayed.all().size());
    }
}
