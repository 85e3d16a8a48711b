package switchboard.wan.internal;

import static org.owasp.encoder.Encode.forHtml;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Instant;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import switchboard.api.network.NetworkModel;

/** The "Switchboard / WAN" console page: the WAN interface's mode, address, gateway and DHCP lease, read only. */
@Component(service = Servlet.class, property = {
        "felix.webconsole.label=wan", "felix.webconsole.title=WAN", "felix.webconsole.category=Switchboard"})
public class WanPage extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private final transient NetworkModel model;
    private final transient WanInterface wan;
    private final transient WanDhcpClient dhcp;

    @Activate
    public WanPage(@Reference NetworkModel model, @Reference WanInterface wan, @Reference WanDhcpClient dhcp) {
        this.model = model;
        this.wan = wan;
        this.dhcp = dhcp;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/html;charset=UTF-8");
        PrintWriter out = response.getWriter();
        out.println("<div id='switchboard-wan'><table class='tablelayout nicetable' id='wan-status'><tbody>");
        for (WanStatusRows.Row r : WanStatusRows.of(model.current(), wan.interfaceName(), dhcp.snapshot(), Instant.now()))
            out.println("<tr><th>" + forHtml(r.label()) + "</th><td>" + forHtml(r.value()) + "</td></tr>");
        out.println("</tbody></table><p>The WAN mode, address and gateway are set in <i>switchboard.network</i>, the interface in"
                + " <i>switchboard.wan</i> (OSGi &rarr; Configuration).</p></div>");
    }
}
