package switchboard.patch.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PatchRecordTest {
    @Test
    void aRecordSurvivesItsLineEvenWithTabsAndNewlinesInTheDetail() {
        PatchRecord r = new PatchRecord(Instant.parse("2026-11-23T10:00:00Z"), "switchboard.dns", "0.2.0", "0.2.1",
                PatchRecord.Result.ROLLED_BACK, "switchboard.dns/0.2.0-abc.jar", "health\tcheck\nfailed");
        PatchRecord back = PatchRecord.parse(r.line()).orElseThrow();
        assertEquals("health check failed", back.detail());
        assertEquals(r.bundle(), back.bundle());
        assertEquals(PatchRecord.Result.ROLLED_BACK, back.result());
    }

    @Test
    void tornOrForeignLinesAreSkipped() {
        for (String bad : List.of("", "2026-11-23T10:00:00Z\tswitchboard.dns", "yesterday\ta\tb\tc\tACCEPTED\t-\tx",
                "2026-11-23T10:00:00Z\ta\tb\tc\tMAYBE\t-\tx"))
            assertTrue(PatchRecord.parse(bad).isEmpty(), bad);
    }
}
