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
}
