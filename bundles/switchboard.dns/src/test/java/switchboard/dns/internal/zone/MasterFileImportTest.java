package switchboard.dns.internal.zone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

class MasterFileImportTest {
    @TempDir
    Path dir;

    @Test
    void recordsOfServedTypesBecomeStaticRecordsAndTheRestIsListed() throws Exception {
        Path file = dir.resolve("example.com.zone");
        Files.writeString(file, """
                $ORIGIN example.com.
                $TTL 3600
                @       IN SOA ns1 hostmaster 1 3600 600 86400 300
                @       IN NS  ns1
                h1      IN A     198.18.0.1
                h2   10 IN AAAA  2001:db8::2
                h1      IN MX    10 mx1
                mx1     IN A     198.18.1.1
                alias   IN CNAME h1
                _sip._tcp IN SRV 10 5 5060 h1
                @       IN TXT   "hello world"
                h1      IN HINFO "pc" "linux"
                other.example.org. IN A 192.0.2.1
                """);
        MasterFileImport.Result result = MasterFileImport.read(file, Name.fromString("example.com."));
        assertEquals(7, result.records().size());
        assertEquals(2, result.skipped().size(), result.skipped().toString());
        assertTrue(result.records().contains(Map.of("name", "h2", "type", "AAAA", "value", "2001:db8:0:0:0:0:0:2", "ttl", "30", "public", "false")),
                "TTLs are raised to the minimum: " + result.records());

        OfficeZone zone = new OfficeZone(new ZoneStateFile(dir.resolve("state")), Clock.systemUTC(), Networks.office("example.com", null), Runnable::run);
        int i = 0;
        for (Map<String, Object> record : result.records()) zone.putStatic("r" + i++, record);
        assertEquals("198.18.0.1", zone.snapshot().internal().findExactMatch(Name.fromString("h1.example.com."), Type.A).first().rdataToString());
        assertEquals("\"hello world\"", zone.snapshot().internal().findExactMatch(Name.fromString("example.com."), Type.TXT).first().rdataToString());
    }

    @Test
    void aBrokenMasterFileIsRefusedWithItsLine() throws Exception {
        Path file = dir.resolve("broken.zone");
        Files.writeString(file, "$ORIGIN example.com.\nh1 3600 IN A 300.1.1.1\n");
        IOException e = assertThrows(IOException.class, () -> MasterFileImport.read(file, Name.fromString("example.com.")));
        assertTrue(e.getMessage().contains("broken.zone:2"), e.getMessage());
    }
}
