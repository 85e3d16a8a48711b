package switchboard.sip.internal.web;

import static org.owasp.encoder.Encode.forHtml;
import static org.owasp.encoder.Encode.forHtmlAttribute;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Map;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import switchboard.api.accounts.Account;
import switchboard.api.accounts.UserDirectory;
import switchboard.api.console.ConsolePage;
import switchboard.sip.internal.SipRegistrar;
import switchboard.sip.internal.location.Binding;

/** The "Switchboard / Phones" console page: registrations, registrar counters, extensions. */
@Component(service = Servlet.class, property = {
        "felix.webconsole.label=phones", "felix.webconsole.title=Phones", "felix.webconsole.category=Switchboard"})
public class PhonesPage extends ConsolePage {
    private static final long serialVersionUID = 1L;
    private final transient SipRegistrar registrar;
    private final transient UserDirectory directory;

    @Activate
    public PhonesPage(@Reference SipRegistrar registrar, @Reference UserDirectory directory) {
        this.registrar = registrar;
        this.directory = directory;
    }

    @Override
    protected String act(HttpServletRequest request) throws IOException {
        String message;
        try {
            message = switch (String.valueOf(request.getParameter("action"))) {
                case "add" -> {
                    String user = request.getParameter("user");
                    char[] secret = String.valueOf(request.getParameter("password")).toCharArray();
                    Optional<String> extension = Optional.ofNullable(request.getParameter("extension")).filter(e -> !e.isBlank());
                    if ("user".equals(request.getParameter("kind"))) {
                        directory.create(user, secret, extension);
                        yield "Extension user " + user + " created; the phone registers with the login password.";
                    }
                    directory.createPhone(user, extension, secret);
                    yield "Phone " + user + " created: it registers with its SIP secret and has no console or mail login.";
                }
                case "password" -> {
                    String user = request.getParameter("user");
                    directory.setSipSecret(user, String.valueOf(request.getParameter("password")).toCharArray());
                    yield "SIP secret of " + user + " set; the phone must register with it (the login password is unchanged).";
                }
                case "unregister" -> {
                    String aor = request.getParameter("aor");
                    yield "Removed " + registrar.engine().unregister(aor) + " binding(s) of " + aor + ".";
                }
                default -> "Unknown action.";
            };
        } catch (IllegalArgumentException e) {
            message = "Nothing changed: " + e.getMessage();
        }
        return message;
    }

    @Override
    protected void render(HttpServletRequest request, HttpServletResponse response, String message) throws IOException {
        String token = tokenField(request);
        long now = System.currentTimeMillis();
        response.setContentType("text/html;charset=UTF-8");
        PrintWriter out = response.getWriter();
        out.println("<div id='switchboard-phones'>");
        if (message != null) out.println("<p class='statline ui-state-highlight' id='message'>" + forHtml(message) + "</p>");
        out.println("<h2>Registrations</h2><table class='tablelayout nicetable' id='registrations'><thead><tr><th>Address of record</th>"
                + "<th>Contact</th><th>Expires in (s)</th><th>User agent</th><th>Source</th><th>NAT</th><th></th></tr></thead><tbody>");
        for (Binding b : registrar.engine().table().all(now))
            out.println("<tr>" + cells(b.aor(), b.contact(), Long.toString(b.secondsLeft(now)), b.userAgent(), b.source(),
                    b.nat() ? "yes (" + registrar.engine().keepalive().state(b, now) + ")" : "no")
                    + "<td><form method='post'>" + token + "<input type='hidden' name='action' value='unregister'>"
                    + "<input type='hidden' name='aor' value='" + forHtmlAttribute(b.aor()) + "'><button type='submit'>Unregister</button></form></td></tr>");
        out.println("</tbody></table>");
        out.println("<h2>Registrar</h2><table class='tablelayout nicetable' id='stats'><tbody>");
        out.println("<tr>" + cells("bindings", Integer.toString(registrar.engine().table().size())) + "</tr>");
        for (Map.Entry<String, Long> e : registrar.engine().stats().snapshot().entrySet())
            out.println("<tr>" + cells(e.getKey(), Long.toString(e.getValue())) + "</tr>");
        out.println("</tbody></table>");
        out.println("<h2>Extensions</h2><table class='tablelayout nicetable' id='extensions'><thead><tr><th>User</th><th>Extension</th>"
                + "<th>Digest secrets</th></tr></thead><tbody>");
        for (Account a : directory.accounts())
            out.println("<tr>" + cells(a.name(), a.extension().orElse("-"),
                    directory.digestSecret(a.name()).isPresent() ? "yes" : "no: set the password again") + "</tr>");
        out.println("</tbody></table>");
        out.println("<h2>Add an extension</h2><form method='post' id='add'>" + token + "<input type='hidden' name='action' value='add'>"
                + "<label>User <input name='user'></label> <label>Extension <input name='extension'></label> "
                + "<label>Kind <select name='kind'><option value='phone' selected>Phone only: a SIP secret, no login</option>"
                + "<option value='user'>User: a login password, which the phone uses too</option></select></label> "
                + "<label>SIP secret or password <input type='password' name='password' autocomplete='new-password'></label> "
                + "<button type='submit'>Add</button></form>");
        out.println("<h2>Set a SIP secret</h2><p>A secret for the phone only, separate from the user's login password.</p>"
                + "<form method='post' id='password'>" + token
                + "<input type='hidden' name='action' value='password'><label>User <input name='user'></label> "
                + "<label>New SIP secret <input type='password' name='password' autocomplete='new-password'></label> "
                + "<button type='submit'>Set</button></form>");
        out.println("</div>");
    }

    private static String cells(String... values) {
        StringBuilder sb = new StringBuilder();
        for (String v : values) sb.append("<td>").append(forHtml(v)).append("</td>");
        return sb.toString();
    }
}
