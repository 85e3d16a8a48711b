package switchboard.api.console;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * A Switchboard web console page: a visit renders it; a form posted back is checked for its token
 * (refused with 403 otherwise), performs its action, and renders the page with the outcome.
 */
public abstract class ConsolePage extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private final transient CsrfToken csrf = new CsrfToken();

    @Override
    protected final void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        render(request, response, null);
    }

    @Override
    protected final void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!csrf.valid(request)) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN, "form token missing or from another site");
            return;
        }
        render(request, response, act(request));
    }

    /** Performs the posted form's action; returns the message shown with the page. */
    protected abstract String act(HttpServletRequest request) throws IOException;

    /** Writes the page; {@code message} is null on a plain visit. */
    protected abstract void render(HttpServletRequest request, HttpServletResponse response, String message) throws IOException;

    /** The value of the {@link CsrfToken#FIELD} field every form of the page posts back. */
    protected final String token(HttpServletRequest request) {
        return csrf.forUser(request.getRemoteUser());
    }

    /** The hidden form field with that token, for each form of the page (the token is hex: nothing to escape). */
    protected final String tokenField(HttpServletRequest request) {
        return "<input type='hidden' name='" + CsrfToken.FIELD + "' value='" + token(request) + "'>";
    }
}
