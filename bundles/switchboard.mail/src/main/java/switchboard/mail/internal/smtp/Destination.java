package switchboard.mail.internal.smtp;

import java.util.Set;

/** Where a recipient's copy goes: mailboxes of our domain (plus forwards an alias adds) or another domain. */
public sealed interface Destination {
    /** @param alias the alias that was expanded, or null for a plain mailbox */
    record Local(String alias, Set<String> mailboxes, Set<String> forwards) implements Destination {}

    record Remote(String address) implements Destination {}
}
