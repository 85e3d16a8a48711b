package switchboard.itest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReferenceArray;

/** Who answered each numbered datagram: the reply's words before the number ({@code <prefix> <version>}), or null. */
final class EchoReplies {
    private final AtomicReferenceArray<String> answers;

    EchoReplies(AtomicReferenceArray<String> answers) {
        this.answers = answers;
    }

    List<Integer> unanswered() {
        List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < answers.length(); i++)
            if (answers.get(i) == null) missing.add(i);
        return missing;
    }

    /** How many datagrams each answerer took. */
    Map<String, Integer> countByAnswerer() {
        Map<String, Integer> counts = new TreeMap<>();
        for (int i = 0; i < answers.length(); i++)
            if (answers.get(i) != null) counts.merge(answers.get(i), 1, Integer::sum);
        return counts;
    }

    String answererOfLast() {
        return answers.get(answers.length() - 1);
    }

    @Override
    public String toString() {
        return countByAnswerer() + ", unanswered: " + unanswered().size();
    }
}
