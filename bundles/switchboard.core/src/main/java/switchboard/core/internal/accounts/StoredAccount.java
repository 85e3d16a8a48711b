package switchboard.core.internal.accounts;

import java.util.Optional;
import switchboard.api.accounts.Account;

/**
 * One line of the account file: {@code name;admin|user;extension;hash}, followed by the five
 * {@link DigestHashes} fields once the password has been set with digest support, and by
 * {@value #SIP_SECRET} when those come from a separate SIP secret rather than the password.
 * A SIP-only account has {@value #NO_LOGIN} as its hash, which never verifies.
 */
record StoredAccount(String name, boolean admin, Optional<String> extension, String hash, Optional<DigestHashes> digest,
        boolean sipSecret) {
    static final String NO_LOGIN = "sip-only";
    static final String SIP_SECRET = "sip-secret";

    StoredAccount(String name, boolean admin, Optional<String> extension, String hash) {
        this(name, admin, extension, hash, Optional.empty());
    }

    StoredAccount(String name, boolean admin, Optional<String> extension, String hash, Optional<DigestHashes> digest) {
        this(name, admin, extension, hash, digest, false);
    }

    Account account() {
        return new Account(name, admin, extension);
    }

    /** Whether a password can log in: false for SIP-only accounts. */
    boolean canLogIn() {
        return !hash.equals(NO_LOGIN);
    }

    /** The new login password's hash, with its digest secrets unless those come from a separate SIP secret. */
    StoredAccount withPassword(String newHash, DigestHashes newDigest) {
        return new StoredAccount(name, admin, extension, newHash, sipSecret ? digest : Optional.of(newDigest), sipSecret);
    }

    /** Digest secrets of a separate SIP secret, which later password changes leave alone. */
    StoredAccount withSipSecret(DigestHashes secretDigest) {
        return new StoredAccount(name, admin, extension, hash, Optional.of(secretDigest), true);
    }

    String line() {
        return name + ";" + (admin ? "admin" : "user") + ";" + extension.orElse("") + ";" + hash
                + digest.map(d -> ";" + d.fields()).orElse("") + (sipSecret && digest.isPresent() ? ";" + SIP_SECRET : "");
    }

    static StoredAccount parse(String line) {
        String[] f = line.split(";", -1);
        boolean sipSecret = f.length == 5 + DigestHashes.FIELDS && f[4 + DigestHashes.FIELDS].equals(SIP_SECRET);
        if (f.length != 4 && f.length != 4 + DigestHashes.FIELDS && !sipSecret)
            throw new IllegalArgumentException("expected 4, " + (4 + DigestHashes.FIELDS) + " or " + (5 + DigestHashes.FIELDS)
                    + " fields, found " + f.length);
        Optional<DigestHashes> digest = f.length == 4 ? Optional.empty() : Optional.of(DigestHashes.parse(f, 4));
        return new StoredAccount(f[0], f[1].equals("admin"), f[2].isEmpty() ? Optional.empty() : Optional.of(f[2]), f[3], digest,
                sipSecret);
    }
}
