package switchboard.patch.internal;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * One line of the patch history: when, which bundle, from and to which version, the result, the kept jar
 * of the version replaced (relative to {@code data/patches/}, "-" when none) and a detail for the admin.
 */
record PatchRecord(Instant when, String bundle, String from, String to, Result result, String previousJar, String detail) {
    enum Result { ACCEPTED, ROLLED_BACK, REFUSED, ROLLBACK_BY_HAND }

    String line() {
        return String.join("\t", when.toString(), bundle, from, to, result.name(), previousJar, detail.replaceAll("[\\t\\r\\n]+", " "));
    }

    /** The record on one history line; empty for a line that does not parse (a torn last line after a crash). */
    static Optional<PatchRecord> parse(String line) {
        String[] f = line.split("\t", -1);
        if (f.length != 7) return Optional.empty();
        try {
            return Optional.of(new PatchRecord(Instant.parse(f[0]), f[1], f[2], f[3], Result.valueOf(f[4]), f[5], f[6]));
        } catch (DateTimeParseException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
