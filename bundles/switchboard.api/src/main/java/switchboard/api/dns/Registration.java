package switchboard.api.dns;

/** Outcome of registering a host name in the office zone. */
public enum Registration {
    /** The name now points at the address. */
    REGISTERED,
    /** A static or built-in record has this name; DHCP clients never overwrite those. */
    CONFLICT_STATIC,
    /** Another client holds the name; the first one keeps it. */
    CONFLICT_OTHER_CLIENT,
    /** Not a valid single DNS label. */
    INVALID_NAME
}
