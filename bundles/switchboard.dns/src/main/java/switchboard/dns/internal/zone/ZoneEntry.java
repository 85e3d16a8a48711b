package switchboard.dns.internal.zone;

import org.xbill.DNS.Record;

/** One record of the live zone with where it comes from; {@code source} is the PID or client id, or empty. */
public record ZoneEntry(Kind kind, Record record, boolean isPublic, String source) {
    public enum Kind { BUILT_IN, STATIC, DYNAMIC }
}
