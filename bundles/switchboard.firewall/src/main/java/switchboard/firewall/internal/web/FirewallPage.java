package switchboard.firewall.internal.web;

import static org.owasp.encoder.Encode.forHtml;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import switchboard.api.console.ConsolePage;
import switchboard.api.firewall.Ban;
import switchboard.api.network.Cidr;
import switchboard.firewall.internal.apply.Firewall;
import switchboard.firewall.internal.apply.FirewallStatus;
import switchboard.firewall.internal.changes.FirewallChanges;
import switchboard.firewall.internal.config.RuleConfigs;
import switchboard.firewall.internal.rules.RuleCounters;
import switchboard.firewall.internal.view.PortTable;

/** The "Switchboard / Firewall" console page: mode, ports, forwards, live counters; changes wait for confirmation. */
@Component(service = Servlet.class, property = {
        "felix.webconsole.label=firewall", "felix.webconsole.title=Firewall", "felix.webconsole.category=Switchboard"})
public class FirewallPage extends ConsolePage {
    private static final long serialVersionUID = 1L;
    private final transient Firewall firewall;
    private final transient FirewallChanges changes;

    @Activate
    public FirewallPage(@Reference Firewall firewall, @Reference FirewallChanges changes) {
        this.firewall = firewall;
        this.changes = changes;
    }

    @Override
    protected String act(HttpServletRequest request) throws IOException {
        String name = String.valueOf(request.getParameter("name"));
        String message;
        try {
            message = switch (String.valueOf(request.getParameter("action"))) {
                case "mode" -> applied(() -> changes.mode(String.valueOf(request.getParameter("mode"))));
                case "expose" -> applied(() -> changes.expose(name, String.valueOf(request.getParameter("ports"))));
                case "forward" -> applied(() -> changes.forward(name, String.valueOf(request.getParameter("ports")),
                        String.valueOf(request.getParameter("to"))));
                case "unexpose" -> changes.remove(RuleConfigs.EXPOSE_PID, name) ? changes.confirmationNotice() : "No exposure named " + name + ".";
                case "unforward" -> changes.remove(RuleConfigs.FORWARD_PID, name) ? changes.confirmationNotice() : "No forward named " + name + ".";
                case "confirm" -> changes.confirm() ? "Changes confirmed." : "Nothing to confirm.";
                case "ban" -> ban(request);
                case "unban" -> {
                    firewall.lift(Cidr.parseIpv4(String.valueOf(request.getParameter("address"))));
                    yield "Ban lifted.";
                }
                default -> "Unknown action.";
            };
        } catch (IllegalArgumentException e) {
            message = "Refused: " + e.getMessage();
        }
        return message;
    }

    private String ban(HttpServletRequest request) {
        String minutes = String.valueOf(request.getParameter("minutes"));
        if (!minutes.matches("\\d{1,5}")) throw new IllegalArgumentException("'" + minutes + "' is not a number of minutes");
        firewall.ban(Cidr.parseIpv4(String.valueOf(request.getParameter("address"))), Duration.ofMinutes(Integer.parseInt(minutes)),
                "banned on the console by " + request.getRemoteUser());
        return "Banned.";
    }

    private interface Change {
        void apply() throws IOException;
    }

    private String applied(Change change) throws IOException {
        change.apply();
        return changes.confirmationNotice();
    }

    @Override
    protected void render(HttpServletRequest request, HttpServletResponse response, String message) throws IOException {
        FirewallStatus status = firewall.status();
        String token = tokenField(request);
        response.setContentType("text/html;charset=UTF-8");
        PrintWriter out = response.getWriter();
        out.println("<div id='switchboard-firewall'>");
        if (message != null) out.println("<p class='statline ui-state-highlight' id='message'>" + forHtml(message) + "</p>");
        out.println("<p id='mode'>Mode: <b>" + forHtml(status.policy().map(p -> p.mode().key()).orElse("not yet known")) + "</b>"
                + (status.dryRun() ? " (dry run: rendered, not applied)" : "") + "</p>");
        status.error().ifPresent(e -> out.println("<p class='ui-state-error' id='error'>" + forHtml(e) + "</p>"));
        changes.deadline().ifPresent(d -> out.println("<form method='post' id='confirm'>" + token
                + "<input type='hidden' name='action' value='confirm'>Unconfirmed changes are undone at " + forHtml(d.toString())
                + " <button type='submit'>Keep the changes</button></form>"));
        out.println("<form method='post' id='change-mode'>" + token + "<input type='hidden' name='action' value='mode'>"
                + "<select name='mode'><option>lan-only</option><option>router</option><option>nat</option><option>nat-dmz</option></select>"
                + " <button type='submit'>Switch mode</button></form>");
        out.println("<h2>Ports</h2><table class='tablelayout nicetable' id='ports'><thead><tr><th>Service</th><th>Ports</th><th>Purpose</th><th>On the WAN</th></tr></thead><tbody>");
        for (PortTable.Row r : PortTable.rows(status.policy())) out.println(row(r.service(), r.ports(), r.purpose(), r.wan()));
        out.println("</tbody></table>");
        out.println("<form method='post' id='expose'>" + token + "<input type='hidden' name='action' value='expose'>"
                + "<label>Name <input name='name'></label> <label>Ports <input name='ports' placeholder='25/tcp'></label> <button type='submit'>Expose</button></form>");
        out.println("<form method='post' id='forward'>" + token + "<input type='hidden' name='action' value='forward'>"
                + "<label>Name <input name='name'></label> <label>WAN port <input name='ports' placeholder='8443/tcp'></label>"
                + " <label>LAN device <input name='to' placeholder='192.168.2.20:443'></label> <button type='submit'>Forward</button></form>");
        out.println("<h2>Counters</h2><table class='tablelayout nicetable' id='counters'><thead><tr><th>Rule</th><th>Packets</th><th>Bytes</th></tr></thead><tbody>");
        for (Map.Entry<String, RuleCounters.Count> c : RuleCounters.parse(firewall.kernelListing()).entrySet())
            out.println(row(c.getKey(), String.valueOf(c.getValue().packets()), String.valueOf(c.getValue().bytes())));
        out.println("</tbody></table>");
        out.println("<h2>Bans</h2><table class='tablelayout nicetable' id='bans'><thead><tr><th>Address</th><th>Until</th><th>Reason</th></tr></thead><tbody>");
        for (Ban b : firewall.current()) out.println(row(b.address().getHostAddress(), b.until().toString(), b.reason()));
        out.println("</tbody></table>");
        out.println("<form method='post' id='ban'>" + token + "<input type='hidden' name='action' value='ban'>"
                + "<label>Address <input name='address'></label> <label>Minutes <input name='minutes' value='60'></label> <button type='submit'>Ban</button></form>");
        out.println("<h2>Ruleset</h2><pre id='ruleset'>" + forHtml(status.ruleset().orElse("none applied yet")) + "</pre>");
        out.println("</div>");
    }

    private static String row(String... cells) {
        StringBuilder sb = new StringBuilder("<tr>");
        for (String c : cells) sb.append("<td>").append(forHtml(c)).append("</td>");
        return sb.append("</tr>").toString();
    }
}
