package switchboard.vpn.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class WireGuardKeyTest {

    /** RFC 7748, section 6.1: Alice's private key and public key. */
    @Test
    void thePublicKeyIsX25519OfTheBasePointAsInRfc7748() {
        byte[] alice = HexFormat.of().parseHex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
        assertEquals("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a", HexFormat.of().formatHex(WireGuardKey.publicOf(alice)));
    }

    @Test
    void aGeneratedPairIsClampedAndItsPublicKeyDerivesFromItsPrivateKey() {
        byte[][] pair = WireGuardKey.generatePair();
        assertEquals(32, pair[0].length);
        assertEquals(0, pair[0][0] & 7, "low bits cleared");
        assertEquals(64, pair[0][31] & 0xC0, "top bit cleared, second set");
        assertArrayEquals(WireGuardKey.publicOf(pair[0]), pair[1]);
        assertNotEquals(WireGuardKey.encode(pair[0]), WireGuardKey.encode(WireGuardKey.generatePair()[0]));
    }

    @Test
    void wgDerivesTheSamePublicKey() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/wg")), "wg is not installed (bash .ci/install-test-tools)");
        byte[][] pair = WireGuardKey.generatePair();
        Process wg = new ProcessBuilder("/usr/bin/wg", "pubkey").start();
        wg.getOutputStream().write((WireGuardKey.encode(pair[0]) + "\n").getBytes(StandardCharsets.UTF_8));
        wg.getOutputStream().close();
        assertTrue(wg.waitFor(10, TimeUnit.SECONDS));
        assertEquals(WireGuardKey.encode(pair[1]), new String(wg.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip());
    }

    @Test
    void malformedKeysAreRefusedWithTheReason() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> WireGuardKey.decode("not base64!")).getMessage().contains("not base64"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> WireGuardKey.decode("AAAA")).getMessage().contains("3 bytes"));
        assertThrows(IllegalArgumentException.class, () -> WireGuardKey.decode(""));
    }

    @Test
    void theServerKeyIsMadeOnceAndKeptOwnerOnly(@TempDir Path dir) throws IOException {
        PrivateFiles files = new PrivateFiles(dir.resolve("vpn"));
        ServerKey first = ServerKey.loadOrCreate(files);
        ServerKey again = ServerKey.loadOrCreate(files);
        assertEquals(first.publicKey(), again.publicKey(), "the stored key is reused");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(first.file())));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("vpn"))));
        String stored = Files.readString(first.file()).strip();
        assertEquals(first.publicKey(), WireGuardKey.encode(WireGuardKey.publicOf(WireGuardKey.decode(stored))));
    }

    @Test
    void aDamagedKeyFileStopsWithAClearMessageInsteadOfMakingANewIdentity(@TempDir Path dir) throws IOException {
        PrivateFiles files = new PrivateFiles(dir);
        files.write(ServerKey.FILE, "garbage\n");
        IOException e = assertThrows(IOException.class, () -> ServerKey.loadOrCreate(files));
        assertTrue(e.getMessage().contains("is damaged"), e.getMessage());
        assertEquals("garbage\n", Files.readString(dir.resolve(ServerKey.FILE)), "left for the admin to look at");
    }
}
