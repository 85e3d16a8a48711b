package switchboard.dns.internal;

import static org.owasp.encoder.Encode.forHtml;
import static org.owasp.encoder.Encode.forHtmlAttribute;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.xbill.DNS.Type;
import switchboard.api.config.InvalidConfigurationException;
import switchboard.api.console.ConsolePage;
import switchboard.dns.internal.zone.ZoneEntry;
import switchboard.dns.internal.zone.ZoneSnapshot;

/** The "Switchboard / DNS" console page: every record of the zone by origin; static records added and removed here. */
@Component(service = Servlet.class, property = {
        "felix.webconsole.label=switchboard-dns", "felix.webconsole.title=DNS", "felix.webconsole.category=Switchboard"})
public class DnsPage extends ConsolePage {
    private static final long serialVersionUID = 1L;
    private final transient OfficeZoneComponent zone;
    private final transient StaticRecordAdmin records;

    @Activate
    public DnsPage(@Reference OfficeZoneComponent zone, @Reference ConfigurationAdmin configurationAdmin, BundleContext context) {
        this.zone = zone;
        this.records = new StaticRecordAdmin(configurationAdmin, zone.zone(), Path.of(context.getProperty("switchboard.home"), "etc"));
    }

    @Override
    protected String act(HttpServletRequest request) throws IOException {
        String message;
        if ("remove".equals(request.getParameter("action"))) {
            String pid = String.valueOf(request.getParameter("pid"));
            message = records.delete(pid) ? "Removed " + pid + "." : "No static record " + pid + ".";
        } else {
            try {
                String pid = records.add(Map.of("name", param(request, "name"), "type", param(request, "type"),
                        "value", param(request, "value"), "ttl", param(request, "ttl"), "public", String.valueOf(request.getParameter("public") != null)));
                message = "Added " + pid + ".";
            } catch (InvalidConfigurationException e) {
                message = "Not added: " + e.getMessage();
            }
        }
        return message;
    }

    @Override
    protected void render(HttpServletRequest request, HttpServletResponse response, String message) throws IOException {
        response.setContentType("text/html;charset=UTF-8");
        PrintWriter out = response.getWriter();
        String token = tokenField(request);
        ZoneSnapshot snapshot = zone.zone().snapshot();
        out.println("<div id='switchboard-dns'>");
        if (message != null) out.println("<p class='statline ui-state-highlight' id='message'>" + forHtml(message) + "</p>");
        out.println("<h2>Zone " + forHtml(snapshot.origin().toString()) + ", serial " + snapshot.serial() + "</h2>");
        out.println("<table class='tablelayout nicetable' id='records'><thead><tr><th>Kind</th><th>Seen by</th><th>Name</th><th>TTL</th>"
                + "<th>Type</th><th>Data</th><th></th></tr></thead><tbody>");
        snapshot.entries().stream().sorted(Comparator.comparing(ZoneEntry::kind).thenComparing(e -> e.record().getName())).forEach(e -> {
            String remove = e.kind() != ZoneEntry.Kind.STATIC ? "" : "<form method='post'>" + token
                    + "<input type='hidden' name='action' value='remove'><input type='hidden' name='pid' value='" + forHtmlAttribute(e.source())
                    + "'><button type='submit'>Remove</button></form>";
            out.println("<tr>" + cell(e.kind().name().toLowerCase().replace('_', '-')) + cell(e.isPublic() ? "everyone" : "LAN and VPN")
                    + cell(e.record().getName().toString()) + cell(String.valueOf(e.record().getTTL())) + cell(Type.string(e.record().getType()))
                    + cell(e.record().rdataToString()) + "<td>" + remove + "</td></tr>");
        });
        out.println("</tbody></table>");
        out.println("<h2>Add a static record</h2><form method='post' id='add'>" + token
                + "<label>Name <input name='name' placeholder='pbx or _sip._udp'></label> "
                + "<label>Type <select name='type'><option>A</option><option>AAAA</option><option>CNAME</option><option>MX</option>"
                + "<option>TXT</option><option>SRV</option></select></label> "
                + "<label>Data <input name='value' placeholder='192.168.2.10'></label> "
                + "<label>TTL <input name='ttl' value='3600' size='6'></label> "
                + "<label><input type='checkbox' name='public'> public (WAN clients see it)</label> "
                + "<button type='submit'>Add</button></form>");
        out.println("</div>");
    }

    private static String param(HttpServletRequest request, String name) {
        String v = request.getParameter(name);
        return v == null ? "" : v;
    }

    private static String cell(String text) {
        return "<td>" + forHtml(text) + "</td>";
    }
}
