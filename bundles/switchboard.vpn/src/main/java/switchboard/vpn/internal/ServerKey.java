package switchboard.vpn.internal;

import java.io.IOException;
import java.nio.file.Path;

/**
 * This box's WireGuard identity: the private key, made on first start and kept in {@code data/vpn/private.key}
 * (owner-only), handed to {@code wg} as that file and never printed; and its public key, shown to admins.
 */
final class ServerKey {
    static final String FILE = "private.key";
    private final Path file;
    private final String publicKey;

    private ServerKey(Path file, String publicKey) {
        this.file = file;
        this.publicKey = publicKey;
    }

    static ServerKey loadOrCreate(PrivateFiles files) throws IOException {
        String stored = files.read(FILE).map(String::strip).orElse("");
        byte[] secret;
        if (stored.isEmpty()) {
            secret = WireGuardKey.generatePair()[0];
            files.write(FILE, WireGuardKey.encode(secret) + "\n");
        } else {
            try {
                secret = WireGuardKey.decode(stored);
            } catch (IllegalArgumentException e) {
                throw new IOException(files.path(FILE) + " is damaged (" + e.getMessage() + "): move it away to make a new key", e);
            }
        }
        return new ServerKey(files.path(FILE), WireGuardKey.encode(WireGuardKey.publicOf(secret)));
    }

    Path file() {
        return file;
    }

    String publicKey() {
        return publicKey;
    }
}
