package switchboard.sip.internal.location;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class GroupCommitTest {
    @TempDir
    Path dir;

    static Binding binding(String user) {
        return new Binding("sip:" + user + "@office.example", "sip:" + user + "@10.0.0.7", 4_000_000_000_000L, "c-" + user, 1,
                "phone", "10.0.0.7:5060", "", false);
    }

    /** With a sync interval, the answer leaves as soon as the line is in the file, long before the sync is due. */
    @Test
    void anAnswerLeavesOnceItsChangeIsWrittenAndTheSyncFollowsWhenSomeoneWaitsForIt() throws Exception {
        BindingJournal journal = new BindingJournal(dir);
        journal.open(0);
        try (GroupCommit commits = new GroupCommit(journal, List::of, () -> 1, 60_000)) {
            AtomicReference<String> fileWhenAnswered = new AtomicReference<>();
            long ticket = commits.record(List.of(binding("alice")), List.of());
            commits.whenDurable(ticket, () -> fileWhenAnswered.set(read()));
            assertTrue(fileWhenAnswered.get().contains("sip:alice@10.0.0.7"), "answered at once, with the line written");
            assertTrue(commits.awaitDurable(10_000), "a caller waiting for the disk does not wait for the interval");
        }
    }

    /** With interval 0, answers wait for the sync of their change (group commit); all are released, in order. */
    @Test
    void withoutAnIntervalEveryAnswerWaitsForTheSyncOfItsChange() throws Exception {
        BindingJournal journal = new BindingJournal(dir);
        journal.open(0);
        try (GroupCommit commits = new GroupCommit(journal, List::of, () -> 1, 0)) {
            CountDownLatch answered = new CountDownLatch(100);
            for (int i = 0; i < 100; i++) {
                String user = "u" + i;
                long ticket;
                synchronized (commits) {
                    ticket = commits.record(List.of(binding(user)), List.of());
                }
                commits.whenDurable(ticket, () -> {
                    if (read().contains("sip:" + user + "@10.0.0.7")) answered.countDown();
                });
            }
            assertTrue(answered.await(10, TimeUnit.SECONDS));
            assertTrue(commits.awaitDurable(10_000));
        }
        assertEquals(100, Files.readAllLines(dir.resolve("bindings")).size());
    }

    /**
     * A change that cannot be written is not acknowledged: its answer and those of the changes after it wait
     * (the phones retransmit meanwhile), the error is reported, and once the journal can be written again the
     * journal thread writes them all in order and releases the answers.
     */
    @Test
    void answersOfChangesThatCannotBeWrittenWaitUntilTheJournalWorksAgain() throws Exception {
        BindingJournal journal = new BindingJournal(dir);
        journal.open(0);
        try (GroupCommit commits = new GroupCommit(journal, List::of, () -> 1, 100)) {
            journal.close(); // every write fails from here on
            List<String> answered = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
            for (String user : List.of("alice", "bob")) {
                long ticket;
                synchronized (commits) {
                    ticket = commits.record(List.of(binding(user)), List.of());
                }
                commits.whenDurable(ticket, () -> answered.add(user));
            }
            assertEquals(List.of(), answered);
            assertTrue(commits.error().contains("ClosedChannelException"), commits.error());
            assertFalse(commits.awaitDurable(1500), "nothing unwritten is reported durable");
            assertEquals(List.of(), answered);
            assertFalse(read().contains("alice"));

            synchronized (commits) {
                journal.open(0); // the disk works again
            }
            assertTrue(commits.awaitDurable(10_000));
            assertEquals(List.of("alice", "bob"), answered);
            assertEquals(null, commits.error());
            String file = read();
            assertTrue(file.indexOf("sip:alice@10.0.0.7") >= 0 && file.indexOf("sip:alice@10.0.0.7") < file.indexOf("sip:bob@10.0.0.7"), file);
        }
    }

    private String read() {
        try {
            return Files.readString(dir.resolve("bindings"));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
