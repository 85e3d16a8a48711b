package switchboard.core.internal.web;

import static org.owasp.encoder.Encode.forHtml;
import static org.owasp.encoder.Encode.forHtmlAttribute;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Arrays;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import switchboard.api.accounts.UserDirectory;
import switchboard.api.broker.EndpointStatus;
import switchboard.api.config.ConfigProblem;
import switchboard.api.console.ConsolePage;
import switchboard.core.internal.status.StatusSnapshot;

/** The "Switchboard / Status" console page: services, endpoints with counters, configuration problems, password. */
@Component(service = Servlet.class, property = {
        "felix.webconsole.label=switchboard", "felix.webconsole.title=Status", "felix.webconsole.category=Switchboard"})
public class StatusPage extends ConsolePage {
    private static final long serialVersionUID = 1L;
    private final transient StatusSnapshot status;
    private final transient UserDirectory directory;

    @Activate
    public StatusPage(@Reference StatusSnapshot status, @Reference UserDirectory directory) {
        this.status = status;
        this.directory = directory;
    }

    @Override
    protected String act(HttpServletRequest request) throws IOException {
        String message;
        char[] password = String.valueOf(request.getParameter("password")).toCharArray();
        try {
            if (!Arrays.equals(password, String.valueOf(request.getParameter("repeat")).toCharArray()))
                message = "The two passwords differ; nothing changed.";
            else {
                directory.setPassword(request.getRemoteUser(), password);
                message = "Password changed. Your browser will ask you to log in again.";
            }
        } catch (IllegalArgumentException e) {
            message = "Password not changed: " + e.getMessage();
        } finally {
            Arrays.fill(password, ' ');
        }
        return message;
    }

    @Override
    protected void render(HttpServletRequest request, HttpServletResponse response, String message) throws IOException {
        response.setContentType("text/html;charset=UTF-8");
        PrintWriter out = response.getWriter();
        out.println("<div id='switchboard-status'>");
        if (message != null)
            out.println("<p class='statline ui-state-highlight' id='message'>" + forHtml(message)
                    + " <a href='" + forHtmlAttribute(request.getRequestURI()) + "'>Back to the status page</a></p>");
        out.println("<h2>Services</h2><table class='tablelayout nicetable' id='services'><thead><tr><th>Service</th><th>Address</th><th>Port</th><th>State</th></tr></thead><tbody>");
        for (StatusSnapshot.ServiceRow r : status.services())
            out.println(row(r.service(), r.address(), r.port(), r.state()));
        out.println("</tbody></table>");
        out.println("<h2>Endpoints</h2><table class='tablelayout nicetable' id='endpoints'><thead><tr><th>Endpoint</th><th>State</th><th>Handled</th><th>Queued in handover</th><th>Dropped</th></tr></thead><tbody>");
        for (EndpointStatus e : status.endpoints())
            out.println(row(e.name() + " " + e.protocol() + " " + e.address() + ":" + e.port(), e.state().name().toLowerCase(),
                    String.valueOf(e.handled()), String.valueOf(e.queued()), String.valueOf(e.dropped())));
        out.println("</tbody></table>");
        out.println("<h2>Configuration problems</h2><table class='tablelayout nicetable' id='problems'><thead><tr><th>PID</th><th>Key</th><th>Reason</th><th>Since</th></tr></thead><tbody>");
        for (ConfigProblem p : status.problems())
            out.println(row(p.pid(), p.key() == null ? "" : p.key(), p.reason(), p.at().toString()));
        if (status.problems().isEmpty()) out.println(row("none", "", "", ""));
        out.println("</tbody></table>");
        out.println("<h2>Health</h2><table class='tablelayout nicetable' id='health'><thead><tr><th>Check</th><th>Status</th><th>Message</th></tr></thead><tbody>");
        for (StatusSnapshot.HealthRow h : status.health()) out.println(row(h.check(), h.status(), h.message()));
        out.println("</tbody></table>");
        out.println("<h2>Bundles</h2><p>" + status.bundleCount() + " installed, "
                + (status.inactiveBundles().isEmpty() ? "all active" : status.inactiveBundles().size() + " not active") + "</p>");
        out.println("<h2>Change your password</h2><form method='post' id='passwd'>"
                + tokenField(request)
                + "<label>New password <input type='password' name='password' autocomplete='new-password'></label> "
                + "<label>Repeat <input type='password' name='repeat' autocomplete='new-password'></label> "
                + "<button type='submit'>Change</button></form>");
        out.println("</div>");
    }

    private static String row(String... cells) {
        StringBuilder sb = new StringBuilder("<tr>");
        for (String c : cells) sb.append("<td>").append(forHtml(c)).append("</td>");
        return sb.append("</tr>").toString();
    }
}
