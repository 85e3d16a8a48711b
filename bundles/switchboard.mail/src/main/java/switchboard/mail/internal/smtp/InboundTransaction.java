package switchboard.mail.internal.smtp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.subethamail.smtp.AuthenticationHandler;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;
import switchboard.mail.internal.alias.AliasLoopException;

/**
 * One SMTP mail transaction: the office's relay and anti-spoofing rules at MAIL and RCPT, then the
 * message stored durably (mailboxes fsynced, remote copies queued) before DATA is answered 250.
 */
final class InboundTransaction implements MessageHandler {
    private static final Logger LOG = LoggerFactory.getLogger(InboundTransaction.class);
    private final MessageContext context;
    private final InboundPolicy policy;
    private final MessageDelivery delivery;
    private final Set<String> mailboxes = new LinkedHashSet<>();
    /** Remote recipients by envelope sender: relayed mail keeps its sender, forwards get the alias's. */
    private final Map<String, Set<String>> remote = new LinkedHashMap<>();
    private String sender = "";

    InboundTransaction(MessageContext context, InboundPolicy policy, MessageDelivery delivery) {
        this.context = context;
        this.policy = policy;
        this.delivery = delivery;
    }

    @Override
    public void from(String from) throws RejectException {
        if (!from.isEmpty() && !RecipientRouter.validAddress(from)) throw new RejectException(553, "5.1.7 Bad sender address syntax");
        Optional<String> user = authenticatedUser();
        if (user.isPresent() && !policy.maySendAs(user.get(), from))
            throw new RejectException(553, "5.7.1 Sender address not owned by user " + user.get());
        sender = from;
    }

    @Override
    public void recipient(String recipient) throws RejectException {
        if (!RecipientRouter.validAddress(recipient)) throw new RejectException(501, "5.1.3 Bad recipient address syntax");
        Optional<Destination> destination;
        try {
            destination = policy.router().route(recipient);
        } catch (AliasLoopException e) {
            LOG.warn("refused {}: {}", recipient, e.getMessage());
            throw new RejectException(550, "5.4.6 Alias loop for " + recipient);
        }
        if (destination.isEmpty()) throw new RejectException(550, "5.1.1 No such user here");
        if (destination.get() instanceof Destination.Local local) {
            if (local.mailboxes().isEmpty() && local.forwards().isEmpty()) throw new RejectException(550, "5.1.1 No such user here");
            mailboxes.addAll(local.mailboxes());
            if (!local.forwards().isEmpty()) {
                // forwarded copies leave with our alias as envelope sender, so SPF at the target checks our domain
                String forwardSender = sender.isEmpty() ? "" : local.alias() + "@" + policy.router().domain();
                remote.computeIfAbsent(forwardSender, s -> new LinkedHashSet<>()).addAll(local.forwards());
            }
        } else {
            if (!mayRelay()) throw new RejectException(554, "5.7.1 Relay access denied");
            remote.computeIfAbsent(sender, s -> new LinkedHashSet<>()).add(recipient);
        }
    }

    @Override
    public String data(InputStream data) throws RejectException, IOException {
        byte[] message = read(data);
        try {
            delivery.deliver(mailboxes, remote, message);
        } catch (IOException e) {
            LOG.error("could not store a message from {}", context.getRemoteAddress(), e);
            throw new RejectException(451, "4.3.0 Could not store the message, try again later");
        }
        return null;
    }

    /** Reads the whole message within the size limit; refuses NUL bytes and bare LF (SMTP smuggling). */
    private byte[] read(InputStream data) throws IOException, RejectException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        byte[] buffer = new byte[8192];
        long total = 0;
        int previous = -1;
        String problem = null;
        for (int n; (n = data.read(buffer)) != -1; ) {
            total += n;
            if (problem != null) continue; // read on to the end of DATA, storing nothing
            for (int i = 0; i < n && problem == null; i++) {
                byte b = buffer[i];
                if (b == 0) problem = "554 5.6.0 NUL byte in message";
                else if (b == '\n' && previous != '\r') problem = "554 5.6.0 Bare LF in message; lines must end with CRLF";
                previous = b;
            }
            if (total > policy.maxSize()) problem = "552 5.3.4 Message exceeds the size limit of " + policy.maxSize() + " bytes";
            if (problem == null) out.write(buffer, 0, n);
        }
        if (problem != null) throw new RejectException(Integer.parseInt(problem.substring(0, 3)), problem.substring(4));
        return out.toByteArray();
    }

    @Override
    public void done() {
        // nothing held between transactions
    }

    private boolean mayRelay() {
        if (authenticatedUser().isPresent()) return true;
        return policy.relayAllowedFrom(((InetSocketAddress) context.getRemoteAddress()).getAddress());
    }

    private Optional<String> authenticatedUser() {
        return context.getAuthenticationHandler().map(AuthenticationHandler::getIdentity).map(Object::toString);
    }
}
