package switchboard.core.internal.web;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.function.ToLongFunction;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import switchboard.api.broker.EndpointStatus;
import switchboard.api.broker.SocketBroker;
import switchboard.api.config.ConfigProblems;

/** {@code /metrics} in the Prometheus text exposition format. */
@Component(service = Servlet.class, property = "osgi.http.whiteboard.servlet.pattern=/metrics")
public class MetricsServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private final transient SocketBroker broker;
    private final transient ConfigProblems problems;

    @Activate
    public MetricsServlet(@Reference SocketBroker broker, @Reference ConfigProblems problems) {
        this.broker = broker;
        this.problems = problems;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain; version=0.0.4; charset=utf-8");
        response.getWriter().write(render(broker.endpoints(), problems.current().size()));
    }

    static String render(List<EndpointStatus> endpoints, int configProblems) {
        StringBuilder sb = new StringBuilder();
        counter(sb, endpoints, "switchboard_endpoint_handled_total", "Datagrams or connections handed to a handler.", EndpointStatus::handled);
        counter(sb, endpoints, "switchboard_endpoint_queued_total", "Datagrams or connections that waited for a handler during a handover.", EndpointStatus::queued);
        counter(sb, endpoints, "switchboard_endpoint_dropped_total", "Datagrams or connections dropped: handover queue full or wait expired.", EndpointStatus::dropped);
        sb.append("# HELP switchboard_endpoint_up 1 while the endpoint is bound and served, 0 while waiting or failed.\n")
                .append("# TYPE switchboard_endpoint_up gauge\n");
        for (EndpointStatus e : endpoints)
            sb.append("switchboard_endpoint_up").append(labels(e)).append(' ').append(e.state() == EndpointStatus.State.SERVING ? 1 : 0).append('\n');
        sb.append("# HELP switchboard_config_problems Configurations refused and running on their last good version.\n")
                .append("# TYPE switchboard_config_problems gauge\n")
                .append("switchboard_config_problems ").append(configProblems).append('\n');
        return sb.toString();
    }

    private static void counter(StringBuilder sb, List<EndpointStatus> endpoints, String name, String help, ToLongFunction<EndpointStatus> value) {
        sb.append("# HELP ").append(name).append(' ').append(help).append('\n').append("# TYPE ").append(name).append(" counter\n");
        for (EndpointStatus e : endpoints) sb.append(name).append(labels(e)).append(' ').append(value.applyAsLong(e)).append('\n');
    }

    private static String labels(EndpointStatus e) {
        return "{name=\"" + escape(e.name()) + "\",protocol=\"" + e.protocol().name().toLowerCase() + "\",address=\"" + e.address()
                + "\",port=\"" + e.port() + "\"}";
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
