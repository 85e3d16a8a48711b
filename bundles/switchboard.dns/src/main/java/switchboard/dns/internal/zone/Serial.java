package switchboard.dns.internal.zone;

import java.time.LocalDate;

/** Date-based SOA serials (YYYYMMDDnn) that never go backwards, even after a hundred changes in a day. */
final class Serial {
    private Serial() {}

    static long next(long previous, LocalDate today) {
        long dayStart = (today.getYear() * 10000L + today.getMonthValue() * 100L + today.getDayOfMonth()) * 100L;
        return Math.max(previous + 1, dayStart) & 0xFFFFFFFFL;
    }
}
