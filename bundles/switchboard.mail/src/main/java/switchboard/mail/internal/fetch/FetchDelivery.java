package switchboard.mail.internal.fetch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import switchboard.mail.internal.alias.AliasLoopException;
import switchboard.mail.internal.maildir.MailStore;
import switchboard.mail.internal.smtp.Destination;
import switchboard.mail.internal.smtp.RecipientRouter;

/**
 * Puts a downloaded message into local mailboxes: all of it into the account's user, or, for the
 * catch-all, into every local user its recipient fields name (aliases expanded by the same router SMTP
 * uses), admin when none. Each mailbox gets a message once: the copy carries a tag made from the
 * Message-ID (else the provider mailbox and unique id), and a mailbox that holds the tag is skipped.
 */
final class FetchDelivery {
    private static final Logger LOG = LoggerFactory.getLogger(FetchDelivery.class);
    private final MailStore store;
    private final Supplier<RecipientRouter> router;

    FetchDelivery(MailStore store, Supplier<RecipientRouter> router) {
        this.store = store;
        this.router = router;
    }

    /** @return the number of mailboxes that received a copy now (0 if every one had it already) */
    int deliver(Path message, FetchSettings account, String uid) throws IOException {
        MessageHeaders headers = MessageHeaders.read(message);
        Set<String> mailboxes = account.catchAll() ? localRecipients(headers.recipients()) : Set.of(account.user());
        if (mailboxes.isEmpty()) mailboxes = Set.of(account.user());
        String tag = tag(headers.messageId().orElse(account.mailbox() + " " + uid));
        int copies = 0;
        for (String mailbox : mailboxes) if (store.mailbox(mailbox).deliverOnce(message, tag)) copies++;
        return copies;
    }

    private Set<String> localRecipients(Set<String> addresses) {
        RecipientRouter r = router.get();
        Set<String> mailboxes = new LinkedHashSet<>();
        for (String address : addresses) {
            try {
                Optional<Destination> d = r.route(address);
                if (d.isPresent() && d.get() instanceof Destination.Local local) mailboxes.addAll(local.mailboxes());
            } catch (AliasLoopException e) {
                LOG.warn("fetched mail for {}: alias loop {}, address skipped", address, e.getMessage());
            }
        }
        return mailboxes;
    }

    static String tag(String identity) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
