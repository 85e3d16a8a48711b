package switchboard.vpn.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrivateFilesTest {

    @Test
    void secretsAreOwnerOnlyAndThoseOfRemovedPeersAreDeleted(@TempDir Path dir) throws IOException {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        PrivateFiles files = new PrivateFiles(dir);
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)), "an existing directory is closed too");
        Path kept = files.write("psk-branch.key", "a\n");
        files.write("psk-old.key", "b\n");
        files.write("private.key", "c\n");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(kept)));

        files.prune("psk-", Set.of("psk-branch.key"));

        assertEquals(Optional.of("a\n"), files.read("psk-branch.key"));
        assertFalse(Files.exists(dir.resolve("psk-old.key")));
        assertTrue(Files.exists(dir.resolve("private.key")), "other files are not touched");
    }
}
