package switchboard.sip.internal;

import java.io.IOException;
import java.util.Map;
import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import switchboard.sip.internal.location.Binding;

/** The {@code sip:} shell commands. */
@Component(service = SipCommands.class, property = {"osgi.command.scope=sip", "osgi.command.function=registrations",
        "osgi.command.function=unregister", "osgi.command.function=stats"})
public class SipCommands {
    private final SipRegistrar registrar;

    @Activate
    public SipCommands(@Reference SipRegistrar registrar) {
        this.registrar = registrar;
    }

    @Descriptor("registered phones: address of record, contact, seconds left, user agent, source address, NAT")
    public String registrations() {
        long now = System.currentTimeMillis();
        SipEngine engine = registrar.engine();
        StringBuilder out = new StringBuilder(String.format("%-32s %-40s %7s %-20s %-22s %s%n",
                "AOR", "CONTACT", "EXPIRES", "USER AGENT", "SOURCE", "NAT"));
        for (Binding b : engine.table().all(now))
            out.append(String.format("%-32s %-40s %7d %-20s %-22s %s%n", b.aor(), b.contact(), b.secondsLeft(now),
                    b.userAgent().isEmpty() ? "-" : b.userAgent(), b.source(),
                    b.nat() ? "yes (" + engine.keepalive().state(b, now) + ")" : "no"));
        return out.toString();
    }

    @Descriptor("remove every binding of an address of record, e.g. sip:201@office.example")
    public String unregister(@Descriptor("address of record") String aor) throws IOException {
        int removed = registrar.engine().unregister(aor);
        return removed == 0 ? "No bindings for " + aor + "." : "Removed " + removed + " binding(s) of " + aor + ".";
    }

    @Descriptor("registrar counters")
    public String stats() {
        SipEngine engine = registrar.engine();
        StringBuilder out = new StringBuilder();
        out.append(String.format("%-32s %d%n", "bindings", engine.table().size()));
        out.append(String.format("%-32s %d%n", "blocked sources", engine.blockedSources()));
        for (Map.Entry<String, Long> e : engine.stats().snapshot().entrySet())
            out.append(String.format("%-32s %d%n", e.getKey(), e.getValue()));
        return out.toString();
    }
}
