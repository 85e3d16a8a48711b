package switchboard.mail.internal.smtp;

import java.io.IOException;
import java.util.Map;
import java.util.Set;

/** Where accepted messages go: the mailboxes and the outbound queue, durably before this returns. */
public interface MessageDelivery {
    /** @param remoteBySender remote recipients grouped by the envelope sender their copy leaves with */
    void deliver(Set<String> mailboxes, Map<String, Set<String>> remoteBySender, byte[] message) throws IOException;
}
