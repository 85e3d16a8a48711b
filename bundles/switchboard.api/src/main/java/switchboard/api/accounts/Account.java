package switchboard.api.accounts;

import java.util.Optional;

/** An office user: console login, mailbox and phone identity. Never carries a password. */
public record Account(String name, boolean admin, Optional<String> extension) {}
