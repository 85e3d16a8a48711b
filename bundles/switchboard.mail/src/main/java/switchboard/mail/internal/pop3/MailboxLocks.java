package switchboard.mail.internal.pop3;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** One POP3 session per mailbox at a time (RFC 1939 §8: the maildrop is locked while in use). */
final class MailboxLocks {
    private final Set<String> locked = ConcurrentHashMap.newKeySet();

    boolean acquire(String user) {
        return locked.add(user);
    }

    void release(String user) {
        locked.remove(user);
    }
}
