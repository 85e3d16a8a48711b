package switchboard.vpn.internal;

import static org.owasp.encoder.Encode.forHtml;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import switchboard.api.console.ConsolePage;

/** The "Switchboard / VPN" console page: the tunnel, its peers with their status, and adding an admin device. */
@Component(service = Servlet.class, property = {
        "felix.webconsole.label=switchboard-vpn", "felix.webconsole.title=VPN", "felix.webconsole.category=Switchboard"})
public class VpnPage extends ConsolePage {
    private static final long serialVersionUID = 1L;
    /** Request attribute: the configuration of a device just added, shown with the page this once. */
    private static final String CLIENT_CONFIG = VpnPage.class.getName() + ".clientConfig";
    /** Screen pixels per module of the QR code: a configuration's symbol is then about 300 pixels wide. */
    private static final int QR_MODULE_PIXELS = 4;
    private final transient Vpn vpn;
    private final transient DeviceEnrollment enrollment;

    @Activate
    public VpnPage(@Reference Vpn vpn, @Reference DeviceEnrollment enrollment) {
        this.vpn = vpn;
        this.enrollment = enrollment;
    }

    @Override
    protected String act(HttpServletRequest request) throws IOException {
        String name = String.valueOf(request.getParameter("device"));
        try {
            request.setAttribute(CLIENT_CONFIG, enrollment.add(name));
            return "Added " + name + ". Load this configuration into the device's WireGuard app; it is shown only now.";
        } catch (IllegalArgumentException e) {
            return "Not added: " + e.getMessage();
        }
    }

    @Override
    protected void render(HttpServletRequest request, HttpServletResponse response, String message) throws IOException {
        Object clientConfig = request.getAttribute(CLIENT_CONFIG);
        response.setContentType("text/html;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        PrintWriter out = response.getWriter();
        VpnSettings s = vpn.settings();
        out.println("<div id='switchboard-vpn'>");
        if (message != null) out.println("<p class='statline ui-state-highlight' id='message'>" + forHtml(message) + "</p>");
        if (clientConfig != null) {
            out.println("<pre id='client-config'>" + forHtml(clientConfig.toString()) + "</pre>");
            out.println("<figure id='client-config-qr'>" + QrCodeSvg.render(clientConfig.toString(), QR_MODULE_PIXELS)
                    + "<figcaption>The same configuration, for a phone's WireGuard app to scan</figcaption></figure>");
        }
        if (!vpn.lastError().isEmpty()) out.println("<p class='ui-state-error' id='error'>" + forHtml(vpn.lastError()) + "</p>");
        out.println("<table class='tablelayout nicetable' id='tunnel'><tbody>");
        row(out, "State", s.enabled() ? "enabled" : "disabled (enabled = false in switchboard.vpn)");
        row(out, "Interface", s.interfaceName() + " (" + vpn.backend() + ")");
        row(out, "Port", s.listenPort() + "/udp");
        row(out, "Tunnel address", s.address().toString());
        row(out, "Public key", vpn.publicKey());
        out.println("</tbody></table>");
        out.println("<h2>Peers</h2><table class='tablelayout nicetable' id='peers'><thead><tr>");
        PeerRow.HEADINGS.forEach(h -> out.print("<th>" + forHtml(h) + "</th>"));
        out.println("</tr></thead><tbody>");
        for (PeerRow r : PeerRow.of(vpn.peers(), vpn.status(), Instant.now())) out.println("<tr>" + cells(r.cells()) + "</tr>");
        out.println("</tbody></table>");
        out.println("<h2>Add an admin device</h2><form method='post' id='add-device'>" + tokenField(request)
                + "<input name='device' placeholder='anna-laptop' "
                + "pattern='[A-Za-z0-9][A-Za-z0-9._-]{0,31}' required> <button type='submit'>Add device</button></form>");
        out.println("<p>Sites are <i>Switchboard VPN peer</i> configurations (OSGi &rarr; Configuration), kind <i>site</i>.</p></div>");
    }

    private static void row(PrintWriter out, String name, String value) {
        out.println("<tr><th>" + forHtml(name) + "</th><td>" + forHtml(value) + "</td></tr>");
    }

    private static String cells(List<String> values) {
        StringBuilder sb = new StringBuilder();
        for (String v : values) sb.append("<td>").append(forHtml(v)).append("</td>");
        return sb.toString();
    }
}
