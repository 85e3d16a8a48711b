package switchboard.sip.internal.location;

/** A contact of a REGISTER with its granted expiry in seconds; 0 removes the binding. */
public record ContactUpdate(String contact, int expires) {}
