package switchboard.sip.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** Counters shown by {@code sip:stats}. */
public final class SipStats {
    final LongAdder requests = new LongAdder();
    final LongAdder registered = new LongAdder();
    final LongAdder unregistered = new LongAdder();
    final LongAdder challenged = new LongAdder();
    final LongAdder authFailed = new LongAdder();
    final LongAdder throttled = new LongAdder();
    final LongAdder scanners = new LongAdder();
    final LongAdder flooding = new LongAdder();
    final LongAdder malformed = new LongAdder();
    final LongAdder retransmissions = new LongAdder();
    final LongAdder outOfOrder = new LongAdder();
    final LongAdder keepalivesSent = new LongAdder();
    final LongAdder unreachableRemoved = new LongAdder();

    public Map<String, Long> snapshot() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("requests", requests.sum());
        m.put("registered (200 OK)", registered.sum());
        m.put("unregistered", unregistered.sum());
        m.put("challenged (401)", challenged.sum());
        m.put("authentication failed", authFailed.sum());
        m.put("throttled (dropped)", throttled.sum());
        m.put("scanners (dropped)", scanners.sum());
        m.put("flooding sources (dropped)", flooding.sum());
        m.put("malformed", malformed.sum());
        m.put("retransmissions answered again", retransmissions.sum());
        m.put("out of order", outOfOrder.sum());
        m.put("keepalive OPTIONS sent", keepalivesSent.sum());
        m.put("unreachable contacts removed", unreachableRemoved.sum());
        return m;
    }
}
