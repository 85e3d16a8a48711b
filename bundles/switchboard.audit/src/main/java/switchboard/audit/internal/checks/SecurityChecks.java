package switchboard.audit.internal.checks;

/** What the audit's health checks share. */
public final class SecurityChecks {
    /** The tag of every security check: {@code /system/health?tags=security}, {@code sb:audit}. */
    public static final String TAG = "security";

    private SecurityChecks() {}
}
