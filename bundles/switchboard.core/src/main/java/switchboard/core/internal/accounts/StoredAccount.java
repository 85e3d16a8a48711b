package switchboard.core.internal.accounts;

import java.util.Optional;
import switchboard.api.accounts.Account;

/**
 * One line of the account file: {@code name;admin|user;extension;hash}, followed by the five
 * {@link DigestHashes} fields once the password has been set with digest support.
 */
record StoredAccount(String name, boolean admin, Optional<String> extension, String hash, Optional<DigestHashes> digest) {

    StoredAccount(String name, boolean admin, Optional<String> extension, String hash) {
        this(name, admin, extension, hash, Optional.empty());
    }

    Account account() {
        return new Account(name, admin, extension);
    }

    StoredAccount withPassword(String newHash, DigestHashes newDigest) {
        return new StoredAccount(name, admin, extension, newHash, Optional.of(newDigest));
    }

    String line() {
        return name + ";" + (admin ? "admin" : "user") + ";" + extension.orElse("") + ";" + hash
                + digest.map(d -> ";" + d.fields()).orElse("");
    }

    static StoredAccount parse(String line) {
        String[] f = line.split(";", -1);
        if (f.length != 4 && f.length != 4 + DigestHashes.FIELDS)
            throw new IllegalArgumentException("expected 4 or " + (4 + DigestHashes.FIELDS) + " fields, found " + f.length);
        Optional<DigestHashes> digest = f.length == 4 ? Optional.empty() : Optional.of(DigestHashes.parse(f, 4));
        return new StoredAccount(f[0], f[1].equals("admin"), f[2].isEmpty() ? Optional.empty() : Optional.of(f[2]), f[3], digest);
    }
}
