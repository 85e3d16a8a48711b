package switchboard.core.internal.accounts;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The accounts by name, and by extension: phones authenticate as their extension on every REGISTER,
 * so that lookup must not scan all accounts. Changes go through {@link #put} and {@link #remove}, which
 * keep the two in step; reads need no lock.
 */
final class AccountTable {
    private final Map<String, StoredAccount> byName = new ConcurrentHashMap<>();
    private final Map<String, StoredAccount> byExtension = new ConcurrentHashMap<>();

    AccountTable(Map<String, StoredAccount> accounts) {
        accounts.forEach(this::put);
    }

    StoredAccount get(String name) {
        return byName.get(name);
    }

    StoredAccount byExtension(String extension) {
        return byExtension.get(extension);
    }

    boolean containsKey(String name) {
        return byName.containsKey(name);
    }

    Collection<StoredAccount> values() {
        return byName.values();
    }

    synchronized void put(String name, StoredAccount account) {
        unindex(byName.put(name, account));
        account.extension().ifPresent(e -> byExtension.put(e, account));
    }

    synchronized StoredAccount remove(String name) {
        StoredAccount removed = byName.remove(name);
        unindex(removed);
        return removed;
    }

    private void unindex(StoredAccount old) {
        if (old != null) old.extension().ifPresent(e -> byExtension.remove(e, old));
    }
}
