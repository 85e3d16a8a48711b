package switchboard.core.internal.accounts;

import java.util.Optional;
import switchboard.api.accounts.Account;

/** One line of the account file: {@code name;admin|user;extension;hash}. */
record StoredAccount(String name, boolean admin, Optional<String> extension, String hash) {

    Account account() {
        return new Account(name, admin, extension);
    }

    StoredAccount withHash(String newHash) {
        return new StoredAccount(name, admin, extension, newHash);
    }

    String line() {
        return name + ";" + (admin ? "admin" : "user") + ";" + extension.orElse("") + ";" + hash;
    }

    static StoredAccount parse(String line) {
        String[] f = line.split(";", -1);
        if (f.length != 4) throw new IllegalArgumentException("expected 4 fields, found " + f.length);
        return new StoredAccount(f[0], f[1].equals("admin"), f[2].isEmpty() ? Optional.empty() : Optional.of(f[2]), f[3]);
    }
}
