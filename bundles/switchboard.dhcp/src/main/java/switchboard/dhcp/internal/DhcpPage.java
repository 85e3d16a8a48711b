package switchboard.dhcp.internal;

import static org.owasp.encoder.Encode.forHtml;
import static org.owasp.encoder.Encode.forHtmlAttribute;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import switchboard.api.console.ConsolePage;
import switchboard.api.network.Cidr;

/** The "Switchboard / DHCP" console page: leases (with a release button), reservations, counters. */
@Component(service = Servlet.class, property = {
        "felix.webconsole.label=switchboard-dhcp", "felix.webconsole.title=DHCP", "felix.webconsole.category=Switchboard"})
public class DhcpPage extends ConsolePage {
    private static final long serialVersionUID = 1L;
    private final transient DhcpServer server;

    @Activate
    public DhcpPage(@Reference DhcpServer server) {
        this.server = server;
    }

    @Override
    protected String act(HttpServletRequest request) throws IOException {
        String address = String.valueOf(request.getParameter("release"));
        String message;
        try {
            message = server.release(Cidr.parseIpv4(address)).map(l -> "Released " + address + ".").orElse("No active lease on " + address + ".");
        } catch (IllegalArgumentException e) {
            message = e.getMessage();
        }
        return message;
    }

    @Override
    protected void render(HttpServletRequest request, HttpServletResponse response, String message) throws IOException {
        response.setContentType("text/html;charset=UTF-8");
        PrintWriter out = response.getWriter();
        String token = tokenField(request);
        out.println("<div id='switchboard-dhcp'>");
        if (message != null) out.println("<p class='statline ui-state-highlight' id='message'>" + forHtml(message) + "</p>");
        out.println("<p id='serving'>" + forHtml(server.plan().map(p -> "Serving on " + p.interfaceName() + ", pool "
                + Cidr.fromInt(p.poolStart()).getHostAddress() + " to " + Cidr.fromInt(p.poolEnd()).getHostAddress()
                + ", lease time " + p.leaseSeconds() + " s").orElse("DHCP is off: no LAN interface, or disabled.")) + "</p>");
        server.foreignServers().forEach((id, seen) -> out.println("<p class='ui-state-error' id='foreign-server'>"
                + forHtml("Another DHCP server answers on this LAN: " + id.getHostAddress() + " (last seen " + Instant.ofEpochMilli(seen) + ")")
                + "</p>"));
        out.println("<h2>Leases</h2><table class='tablelayout nicetable' id='leases'><thead><tr><th>Address</th><th>MAC</th>"
                + "<th>Host name</th><th>State</th><th>Expires</th><th></th></tr></thead><tbody>");
        long now = System.currentTimeMillis();
        List<Lease> leases = server.leases();
        leases.sort(Comparator.comparing(l -> Integer.toUnsignedLong(Cidr.toInt(l.address()))));
        for (Lease l : leases) {
            String state = l.state() == Lease.State.BOUND && !l.boundAt(now) ? "expired" : l.state().name().toLowerCase();
            String release = l.activeAt(now) ? "<form method='post'>" + token
                    + "<button type='submit' name='release' value='" + forHtmlAttribute(l.address().getHostAddress()) + "'>Release</button></form>" : "";
            out.println("<tr>" + cells(l.address().getHostAddress(), l.mac(), l.hostname(), state, Instant.ofEpochMilli(l.expiresAt()).toString())
                    + "<td>" + release + "</td></tr>");
        }
        out.println("</tbody></table>");
        out.println("<h2>Reservations</h2><p>Add them as <i>Switchboard DHCP reservation</i> configurations (OSGi &rarr; Configuration) "
                + "or with <code>dhcp:reserve</code>.</p><table class='tablelayout nicetable' id='reservations'><thead><tr>"
                + "<th>MAC</th><th>Address</th><th>Host name</th></tr></thead><tbody>");
        server.plan().ifPresent(p -> p.reservationsByMac().values().stream()
                .sorted(Comparator.comparing(r -> Integer.toUnsignedLong(Cidr.toInt(r.address()))))
                .forEach(r -> out.println("<tr>" + cells(r.mac(), r.address().getHostAddress(), r.hostname()) + "</tr>")));
        out.println("</tbody></table>");
        out.println("<h2>Counters</h2><table class='tablelayout nicetable' id='counters'><tbody>");
        server.stats().counters().forEach((name, n) -> out.println("<tr>" + cells(name, String.valueOf(n)) + "</tr>"));
        out.println("</tbody></table></div>");
    }

    private static String cells(String... values) {
        StringBuilder sb = new StringBuilder();
        for (String v : values) sb.append("<td>").append(forHtml(v)).append("</td>");
        return sb.toString();
    }
}
