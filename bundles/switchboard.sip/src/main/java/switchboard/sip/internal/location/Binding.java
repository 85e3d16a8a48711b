package switchboard.sip.internal.location;

/**
 * One contact registered for an address of record. {@code source} is the address the REGISTER came
 * from ({@code received}/{@code rport}); {@code nat} says it differs from the contact's own address, so
 * requests to the phone must go to {@code source}. {@code path} holds the Path header values (RFC 3327).
 */
public record Binding(String aor, String contact, long expiresAt, String callId, long cseq, String userAgent,
        String source, String path, boolean nat) {

    public Binding {
        userAgent = printable(userAgent);
        path = printable(path);
    }

    /**
     * This binding as a later REGISTER of the same contact leaves it: the text both share is kept, not
     * taken from the request, so a refresh leaves the heap one small object instead of a set of strings
     * (a registrar under load otherwise has the garbage collector copy every phone's strings again).
     */
    Binding renewed(long expiresAt, String callId, long cseq, String userAgent, String source, String path, boolean nat) {
        return new Binding(aor, contact, expiresAt, kept(this.callId, callId), cseq, kept(this.userAgent, userAgent),
                kept(this.source, source), kept(this.path, path), nat);
    }

    private static String kept(String old, String given) {
        return old.equals(given) ? old : given;
    }

    public long secondsLeft(long now) {
        return Math.max(0, (expiresAt - now + 999) / 1000);
    }

    /** Free text from the network, kept on one line (the journal is line- and tab-separated). */
    private static String printable(String s) {
        if (s == null) return "";
        for (int i = 0; i < s.length(); i++) {
            if (Character.isISOControl(s.charAt(i))) return s.replaceAll("\\p{Cntrl}", " ");
        }
        return s; // the usual case: nothing to replace, no copy

    }
}
