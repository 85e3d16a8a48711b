package switchboard.mail.internal.smtp;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.subethamail.smtp.AuthenticationHandler;
import org.subethamail.smtp.AuthenticationHandlerFactory;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.auth.EasyAuthenticationHandlerFactory;
import org.subethamail.smtp.auth.LoginFailedException;
import org.subethamail.smtp.server.Session;
import switchboard.api.accounts.LoginResult;
import switchboard.api.accounts.UserDirectory;

/**
 * AUTH PLAIN and LOGIN against the core accounts, only on an encrypted session. Failures count towards
 * the directory's per-address throttle, shared with the console and the other protocols.
 */
final class AccountAuthentication implements AuthenticationHandlerFactory {
    private static final Logger LOG = LoggerFactory.getLogger(AccountAuthentication.class);
    private final AuthenticationHandlerFactory mechanisms;

    AccountAuthentication(UserDirectory users) {
        mechanisms = new EasyAuthenticationHandlerFactory((user, password, context) -> {
            String source = ((InetSocketAddress) context.getRemoteAddress()).getAddress().getHostAddress();
            LoginResult result = users.login(user, password.toCharArray(), source);
            if (result != LoginResult.ACCEPTED) {
                LOG.info("SMTP AUTH for '{}' from {}: {}", user, source, result);
                throw new LoginFailedException();
            }
        });
    }

    @Override
    public List<String> getAuthenticationMechanisms() {
        return mechanisms.getAuthenticationMechanisms();
    }

    @Override
    public AuthenticationHandler create() {
        AuthenticationHandler handler = mechanisms.create();
        return new AuthenticationHandler() {
            @Override
            public Optional<String> auth(String clientInput, MessageContext context) throws RejectException {
                if (!((Session) context).isTLSStarted())
                    throw new RejectException(538, "5.7.11 Encryption required: use STARTTLS first");
                return handler.auth(clientInput, context);
            }

            @Override
            public Object getIdentity() {
                return handler.getIdentity();
            }
        };
    }
}
