package switchboard.audit.internal.log;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditTrailTest {
    @Test
    void appendsOneTabSeparatedLinePerEventAndCannotBeForgedWithLineBreaks(@TempDir Path dir) throws Exception {
        AuditTrail trail = new AuditTrail(dir.resolve("log").resolve("audit.log"));
        Instant t = Instant.parse("2026-11-23T18:00:00.123456Z");

        trail.append(t, "anna", "198.19.0.1", "login failed");
        trail.append(t, "eve\n2026-11-23T18:00:00Z\tadmin", "", "login failed");

        assertEquals(List.of("2026-11-23T18:00:00.123Z\tanna\t198.19.0.1\tlogin failed",
                "2026-11-23T18:00:00.123Z\teve 2026-11-23T18:00:00Z admin\t-\tlogin failed"), Files.readAllLines(trail.file()));
    }

    @Test
    void aRotatedOrDeletedLogIsStartedAgain(@TempDir Path dir) throws Exception {
        AuditTrail trail = new AuditTrail(dir.resolve("log").resolve("audit.log"));
        Instant t = Instant.parse("2026-11-23T18:00:00Z");
        trail.append(t, "anna", "198.19.0.1", "one");
        Files.move(trail.file(), dir.resolve("log").resolve("audit.log.1"));
        trail.append(t.plusMillis(100), "anna", "198.19.0.1", "two, still into the moved file within the second");
        trail.append(t.plusSeconds(2), "anna", "198.19.0.1", "three");
        assertEquals(2, Files.readAllLines(dir.resolve("log").resolve("audit.log.1")).size());
        assertEquals(List.of("2026-11-23T18:00:02Z\tanna\t198.19.0.1\tthree"), Files.readAllLines(trail.file()));

        deleteRecursively(dir.resolve("log"));
        trail.append(t.plusSeconds(4), "bob", "198.19.0.2", "four");
        assertEquals(List.of("2026-11-23T18:00:04Z\tbob\t198.19.0.2\tfour"), Files.readAllLines(trail.file()));
        trail.close();
    }

    private static void deleteRecursively(Path dir) throws Exception {
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) Files.delete(f);
        }
        Files.delete(dir);
    }
}
