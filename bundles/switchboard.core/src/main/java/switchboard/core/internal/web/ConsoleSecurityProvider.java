package switchboard.core.internal.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.apache.felix.webconsole.spi.SecurityProvider;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.context.ServletContextHelper;
import switchboard.api.accounts.Account;
import switchboard.api.accounts.LoginResult;
import switchboard.api.accounts.UserDirectory;

/**
 * Web console login against the user directory (HTTP Basic over the LAN-side console). Only admins
 * get in; failures count towards the per-address throttle. The launcher makes the console require
 * this provider, so the console's built-in default password is never active.
 */
@Component(property = SecurityProvider.PROPERTY_ID + "=switchboard")
public class ConsoleSecurityProvider implements SecurityProvider {
    private static final String REALM = "Switchboard";
    private final UserDirectory directory;

    @Activate
    public ConsoleSecurityProvider(@Reference UserDirectory directory) {
        this.directory = directory;
    }

    @Override
    public Object authenticate(HttpServletRequest request, HttpServletResponse response) {
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                decoded = "";
            }
            int colon = decoded.indexOf(':');
            if (colon > 0) {
                String user = decoded.substring(0, colon);
                LoginResult result = directory.login(user, decoded.substring(colon + 1).toCharArray(), request.getRemoteAddr());
                if (result == LoginResult.ACCEPTED && directory.find(user).map(Account::admin).orElse(false)) return loggedIn(request, user);
                if (result == LoginResult.THROTTLED) return refuse(response, 429, "Too many failed logins from your address; wait and retry.");
            }
        }
        return refuse(response, HttpServletResponse.SC_UNAUTHORIZED, "Log in with a Switchboard admin account.");
    }

    /** The console keeps the user to itself; pages read it with {@code getRemoteUser()}, so set that too. */
    private static String loggedIn(HttpServletRequest request, String user) {
        request.setAttribute(ServletContextHelper.REMOTE_USER, user);
        request.setAttribute(ServletContextHelper.AUTHENTICATION_TYPE, HttpServletRequest.BASIC_AUTH);
        return user;
    }

    private static Object refuse(HttpServletResponse response, int status, String message) {
        try {
            response.setHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
            response.setContentType("text/plain;charset=UTF-8");
            response.setStatus(status);
            response.getWriter().println(message);
            response.flushBuffer();
        } catch (IOException e) {
            // the client is gone
        }
        return null;
    }

    @Override
    public boolean authorize(Object user, String role) {
        return user instanceof String name && directory.find(name).map(Account::admin).orElse(false);
    }

    @Override
    public void logout(HttpServletRequest request, HttpServletResponse response) {
        // HTTP Basic has no server-side session to end
    }
}
