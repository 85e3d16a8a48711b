package switchboard.patch.internal;

/** A patch that is not applied; the message is the reason shown to the admin. */
final class PatchRefusedException extends Exception {
    private static final long serialVersionUID = 1L;

    PatchRefusedException(String reason) {
        super(reason);
    }
}
