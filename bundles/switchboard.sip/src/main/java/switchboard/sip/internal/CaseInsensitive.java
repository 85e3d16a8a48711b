package switchboard.sip.internal;

/** Case-insensitive (ASCII) searches in place, for the per-request checks that would otherwise lower-case copies. */
public final class CaseInsensitive {
    private CaseInsensitive() {}

    /** Where {@code part} first occurs in {@code text}, ignoring case; -1 when nowhere. */
    public static int indexOf(String text, String part) {
        for (int at = 0; at + part.length() <= text.length(); at++) {
            if (text.regionMatches(true, at, part, 0, part.length())) return at;
        }
        return -1;
    }
}
