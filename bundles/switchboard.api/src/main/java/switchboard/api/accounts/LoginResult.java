package switchboard.api.accounts;

/** Outcome of a login attempt. Unknown users and wrong passwords are indistinguishable. */
public enum LoginResult {
    ACCEPTED,
    REJECTED,
    /** Too many recent failures from this source address; the password was not checked. */
    THROTTLED
}
