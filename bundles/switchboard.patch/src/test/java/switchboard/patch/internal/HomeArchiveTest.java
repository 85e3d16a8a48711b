package switchboard.patch.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HomeArchiveTest {
    @TempDir
    Path dir;

    @Test
    void backupHoldsEtcAndDataButNotTheFrameworkCacheAndRestoreReplacesThem() throws IOException {
        Path a = dir.resolve("a");
        write(a, "etc/switchboard.dns.cfg", "port = 1053\n");
        write(a, "data/mail/anna/Maildir/new/1", "Subject: hi\n");
        write(a, "data/framework/bundle1/cache", "x");
        Path archive = dir.resolve("backup.zip");
        assertEquals(2, new HomeArchive(a).backup(archive));
        assertEquals(List.of("etc/switchboard.dns.cfg", "data/mail/anna/Maildir/new/1"), HomeArchive.entries(archive));

        Path b = dir.resolve("b");
        write(b, "etc/switchboard.dns.cfg", "port = 9999\n");
        write(b, "data/initial-admin-password", "fresh");
        write(b, "data/framework/bundle1/cache", "keep");
        new HomeArchive(b).restore(archive);
        assertEquals("port = 1053\n", Files.readString(b.resolve("etc/switchboard.dns.cfg")));
        assertEquals("Subject: hi\n", Files.readString(b.resolve("data/mail/anna/Maildir/new/1")));
        assertFalse(Files.exists(b.resolve("data/initial-admin-password")), "what the backup did not have is gone");
        assertEquals("keep", Files.readString(b.resolve("data/framework/bundle1/cache")));
    }

    @Test
    void archivesWithEntriesOutsideEtcAndDataOrNoEtcOrNoZipAreRefused() throws IOException {
        for (String bad : List.of("../evil", "/etc/passwd", "deploy/switchboard.dns.jar", "data/framework/x", "etc/../../evil", "data/./x")) {
            Path zip = zip("bad.zip", "etc/switchboard.dns.cfg", bad);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HomeArchive.entries(zip), bad);
            assertTrue(e.getMessage().contains("outside"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> HomeArchive.entries(zip("noetc.zip", "data/x")));
        Path notZip = dir.resolve("not.zip");
        Files.writeString(notZip, "hello");
        assertThrows(IllegalArgumentException.class, () -> HomeArchive.entries(notZip));
    }

    private Path zip(String name, String... entries) throws IOException {
        Path zip = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out)) {
            for (String e : entries) {
                z.putNextEntry(new ZipEntry(e));
                z.write("x".getBytes(StandardCharsets.UTF_8));
                z.closeEntry();
            }
        }
        return zip;
    }

    private static void write(Path home, String name, String content) throws IOException {
        Path f = home.resolve(name);
        Files.createDirectories(f.getParent());
        Files.writeString(f, content);
    }
}
