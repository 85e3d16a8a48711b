package switchboard.patch.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EtcSnapshotsTest {
    @TempDir
    Path home;

    @Test
    void everyChangeKeepsTheVersionBeforeAndAnyVersionCanComeBack() throws IOException {
        Path etc = Files.createDirectories(home.resolve("etc"));
        Files.writeString(etc.resolve("switchboard.dns.cfg"), "port = 1053\n");
        EtcSnapshots snapshots = new EtcSnapshots(etc, home.resolve("data/config-history"));
        snapshots.snapshotAll();
        assertFalse(snapshots.snapshot("switchboard.dns.cfg"), "unchanged content is no new version");
        Files.writeString(etc.resolve("switchboard.dns.cfg"), "port = 2053\n");
        assertTrue(snapshots.snapshot("switchboard.dns.cfg"));
        Files.delete(etc.resolve("switchboard.dns.cfg"));
        assertTrue(snapshots.snapshot("switchboard.dns.cfg"));

        List<EtcSnapshots.Snapshot> history = snapshots.history("switchboard.dns");
        assertEquals(List.of(1, 2, 3), history.stream().map(EtcSnapshots.Snapshot::number).toList());
        assertEquals(Optional.of("port = 1053\n"), history.get(0).content());
        assertEquals(Optional.empty(), history.get(2).content(), "the deletion is a version too");

        snapshots.restore("switchboard.dns", 1);
        assertEquals("port = 1053\n", Files.readString(etc.resolve("switchboard.dns.cfg")));
        assertEquals(4, snapshots.history("switchboard.dns").size(), "the restore is recorded as the newest version");
        assertFalse(snapshots.snapshot(".switchboard.dns.cfg.part"), "temporary files are not configuration");
    }

    @Test
    void unknownVersionsAndBadPidsAreRefusedAndChangeNothing() throws IOException {
        Path etc = Files.createDirectories(home.resolve("etc"));
        Files.writeString(etc.resolve("switchboard.sip.cfg"), "port = 5060\n");
        EtcSnapshots snapshots = new EtcSnapshots(etc, home.resolve("data/config-history"));
        snapshots.snapshotAll();
        assertThrows(IllegalArgumentException.class, () -> snapshots.restore("switchboard.sip", 7));
        for (String bad : List.of("../etc/x", "a/b", "", ".hidden"))
            assertThrows(IllegalArgumentException.class, () -> snapshots.history(bad), bad);
        assertEquals("port = 5060\n", Files.readString(etc.resolve("switchboard.sip.cfg")));
        assertEquals(1, snapshots.history("switchboard.sip").size());
    }
}
