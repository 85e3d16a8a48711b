package switchboard.mail.internal.alias;

/** An alias that reaches itself through other aliases; the message names the cycle. */
public final class AliasLoopException extends Exception {
    private static final long serialVersionUID = 1L;

    AliasLoopException(String cycle) {
        super("alias loop: " + cycle);
    }
}
