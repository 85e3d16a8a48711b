package switchboard.sip.internal.location;

import java.util.List;

/**
 * What a REGISTER did to the location table: bindings added or refreshed, bindings removed, and the
 * address of record's bindings afterwards. {@code outOfOrder}: nothing changed, because the request's
 * CSeq was not above that of a binding it shares the Call-ID with (RFC 3261 §10.3 step 7).
 */
public record RegisterOutcome(boolean outOfOrder, List<Binding> saved, List<Binding> removed, List<Binding> current) {
    static RegisterOutcome outOfOrder(List<Binding> current) {
        return new RegisterOutcome(true, List.of(), List.of(), current);
    }

    public boolean changed() {
        return !saved.isEmpty() || !removed.isEmpty();
    }
}
