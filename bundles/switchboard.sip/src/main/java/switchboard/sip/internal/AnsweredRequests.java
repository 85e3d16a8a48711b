package switchboard.sip.internal;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The final responses of recent requests, by transaction (RFC 3261 §17.2.2): a retransmitted request
 * gets the same answer again instead of being processed twice, which for an authenticated REGISTER
 * would look like a replayed nonce count. Kept for the client's retransmission window, bounded in number;
 * shared by the registrar's worker threads.
 */
final class AnsweredRequests {
    private record Answer(byte[] response, long at) {}

    private static final byte[] IN_PROGRESS = new byte[0];

    private final Map<String, Answer> answers = new LinkedHashMap<>();
    private final long keepMillis;
    private final int max;

    AnsweredRequests(long keepMillis, int max) {
        this.keepMillis = keepMillis;
        this.max = max;
    }

    /** The transaction key: the top Via branch, the Call-ID and the CSeq with its method. */
    static String key(String branch, String callId, long cseq, String method) {
        return branch + '\n' + callId + '\n' + cseq + ' ' + method;
    }

    /**
     * Empty for a new transaction, which is marked as in progress; otherwise the answer already given,
     * or a zero-length one (nothing to send) while the first copy of the request is still being answered.
     */
    synchronized Optional<byte[]> begin(String key, long now) {
        Answer a = answers.get(key);
        if (a != null && now - a.at() <= keepMillis) return Optional.of(a.response());
        answers.put(key, new Answer(IN_PROGRESS, now));
        expire(now);
        return Optional.empty();
    }

    /** The answer that went out; requests that get none keep their in-progress mark, so their copies get none either. */
    synchronized void remember(String key, byte[] response, long now) {
        answers.put(key, new Answer(response, now));
        expire(now);
    }

    /** Forgets a transaction that got no answer because its request was unreadable, so that a good copy is answered. */
    synchronized void forget(String key) {
        answers.remove(key);
    }

    /** Forgets answers older than the window, and the oldest beyond the limit. */
    synchronized void expire(long now) {
        Iterator<Answer> oldest = answers.values().iterator();
        while (oldest.hasNext()) {
            Answer a = oldest.next();
            if (answers.size() <= max && now - a.at() <= keepMillis) break;
            oldest.remove();
        }
    }

    synchronized int size() {
        return answers.size();
    }
}
