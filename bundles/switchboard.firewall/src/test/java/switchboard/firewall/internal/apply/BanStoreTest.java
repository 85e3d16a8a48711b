package switchboard.firewall.internal.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import switchboard.api.firewall.Ban;
import switchboard.api.network.Cidr;

class BanStoreTest {
    @TempDir
    Path dir;

    @Test
    void bansSurviveARestartAndExpiredOnesAreForgotten() throws Exception {
        Instant later = Instant.now().plusSeconds(600);
        BanStore store = new BanStore(new DataDirectory(dir));
        store.put(new Ban(Cidr.parseIpv4("198.19.0.7"), later.minusMillis(later.getNano() / 1_000_000), "sip login\nflood"));
        store.put(new Ban(Cidr.parseIpv4("198.19.0.8"), Instant.now().minusSeconds(5), "expired"));
        store.put(new Ban(Cidr.parseIpv4("198.19.0.9"), later, "pop3 login"));
        store.remove(Cidr.parseIpv4("198.19.0.9"));

        List<Ban> reloaded = new BanStore(new DataDirectory(dir)).current(Instant.now());
        assertEquals(1, reloaded.size());
        assertEquals("198.19.0.7", reloaded.get(0).address().getHostAddress());
        assertEquals("sip login flood", reloaded.get(0).reason());
        assertEquals(later.getEpochSecond(), reloaded.get(0).until().getEpochSecond());
    }

    @Test
    void malformedLinesAreSkipped() throws Exception {
        long future = Instant.now().plusSeconds(60).getEpochSecond();
        Files.writeString(dir.resolve(BanStore.FILE), "garbage\n198.19.0.300 " + future + " x\n198.19.0.1 soon x\n\n198.19.0.2 " + future + "\n");
        List<Ban> bans = new BanStore(new DataDirectory(dir)).current(Instant.now());
        assertEquals(1, bans.size());
        assertEquals("198.19.0.2", bans.get(0).address().getHostAddress());
        assertThrows(IllegalArgumentException.class, () -> BanStore.parse("198.19.0.1"));
    }
}
