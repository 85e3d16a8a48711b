package switchboard.sip.internal;

import org.apache.felix.hc.api.FormattingResultLog;
import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Critical while the bindings cannot be written (no REGISTER is acknowledged then); otherwise the counts. */
@Component(property = {HealthCheck.NAME + "=Switchboard SIP registrar", HealthCheck.TAGS + "=switchboard"})
public class SipHealthCheck implements HealthCheck {
    private final SipRegistrar registrar;

    @Activate
    public SipHealthCheck(@Reference SipRegistrar registrar) {
        this.registrar = registrar;
    }

    @Override
    public Result execute() {
        FormattingResultLog log = new FormattingResultLog();
        SipEngine engine = registrar.engine();
        String error = engine.persistenceError();
        if (error != null) log.critical("bindings cannot be saved, REGISTER is not acknowledged: {}", error);
        log.info("{} bindings, {} source addresses blocked", engine.table().size(), engine.blockedSources());
        return new Result(log);
    }
}
