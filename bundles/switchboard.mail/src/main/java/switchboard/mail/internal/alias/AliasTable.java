package switchboard.mail.internal.alias;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Expands an alias of our domain into local mailboxes and remote addresses. A member that names the
 * alias itself means the mailbox of that name ({@code anna = anna anna@isp.example}: a local copy and a
 * forward); a member that names another alias is expanded in turn; a cycle is refused.
 */
public final class AliasTable {
    private final Map<String, List<String>> aliases;

    /** @param aliases alias name to its members (local names or addresses), names in lower case */
    public AliasTable(Map<String, List<String>> aliases) {
        this.aliases = Map.copyOf(aliases);
    }

    public boolean isAlias(String localPart) {
        return aliases.containsKey(localPart.toLowerCase(Locale.ROOT));
    }

    public Map<String, List<String>> definitions() {
        return aliases;
    }

    /** What a local address expands into: local mailbox names and remote addresses. */
    public record Expansion(Set<String> mailboxes, Set<String> remote) {}

    /**
     * @param localPart an alias name (see {@link #isAlias})
     * @param domain our domain, so that {@code member@domain} counts as local
     * @throws AliasLoopException if the alias reaches itself through other aliases
     */
    public Expansion expand(String localPart, String domain) throws AliasLoopException {
        Expansion out = new Expansion(new LinkedHashSet<>(), new LinkedHashSet<>());
        expand(localPart.toLowerCase(Locale.ROOT), domain.toLowerCase(Locale.ROOT), new ArrayDeque<>(), out);
        return out;
    }

    private void expand(String alias, String domain, Deque<String> path, Expansion out) throws AliasLoopException {
        if (path.contains(alias)) throw new AliasLoopException(String.join(" -> ", path) + " -> " + alias);
        path.push(alias);
        for (String member : aliases.get(alias)) {
            Optional<String> local = localName(member, domain);
            if (local.isEmpty()) out.remote().add(member);
            else if (local.get().equals(alias) || !aliases.containsKey(local.get())) out.mailboxes().add(local.get());
            else expand(local.get(), domain, path, out);
        }
        path.pop();
    }

    static Optional<String> localName(String member, String domain) {
        String m = member.toLowerCase(Locale.ROOT);
        int at = m.lastIndexOf('@');
        if (at < 0) return Optional.of(m);
        return m.substring(at + 1).equals(domain) ? Optional.of(m.substring(0, at)) : Optional.empty();
    }
}
