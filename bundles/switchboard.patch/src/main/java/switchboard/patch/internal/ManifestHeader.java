package switchboard.patch.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * An OSGi manifest header such as {@code Import-Package}: clauses separated by commas, each one or more
 * names followed by {@code attribute=value} and {@code directive:=value} parameters, values optionally
 * quoted (a quoted value may hold commas and semicolons, as version ranges do).
 */
final class ManifestHeader {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.\\-*]+");

    /** One clause: its names and parameters. */
    record Clause(List<String> names, Map<String, String> attributes, Map<String, String> directives) {}

    private ManifestHeader() {}

    /** @throws IllegalArgumentException naming what does not parse */
    static List<Clause> parse(String header) {
        List<Clause> clauses = new ArrayList<>();
        if (header == null || header.isBlank()) return clauses;
        for (String clause : split(header, ',')) clauses.add(clause(clause));
        return clauses;
    }

    private static Clause clause(String text) {
        List<String> names = new ArrayList<>();
        Map<String, String> attributes = new LinkedHashMap<>();
        Map<String, String> directives = new LinkedHashMap<>();
        for (String part : split(text, ';')) {
            int eq = part.indexOf('=');
            if (eq < 0) {
                if (!attributes.isEmpty() || !directives.isEmpty())
                    throw new IllegalArgumentException("name '" + part + "' after parameters in clause '" + text.strip() + "'");
                names.add(name(part, text));
                continue;
            }
            boolean directive = eq > 0 && part.charAt(eq - 1) == ':';
            String key = part.substring(0, directive ? eq - 1 : eq).strip();
            int typed = key.indexOf(':');
            if (typed >= 0) key = key.substring(0, typed).strip();
            (directive ? directives : attributes).put(name(key, text), value(part.substring(eq + 1).strip(), text));
        }
        if (names.isEmpty()) throw new IllegalArgumentException("clause without a name: '" + text.strip() + "'");
        return new Clause(names, attributes, directives);
    }

    private static String name(String candidate, String clause) {
        String name = candidate.strip();
        if (!NAME.matcher(name).matches()) throw new IllegalArgumentException("'" + name + "' is not a valid name in '" + clause.strip() + "'");
        return name;
    }

    private static String value(String raw, String clause) {
        if (!raw.startsWith("\"")) {
            if (raw.isEmpty() || raw.contains("\"")) throw new IllegalArgumentException("bad value '" + raw + "' in '" + clause.strip() + "'");
            return raw;
        }
        if (raw.length() < 2 || !raw.endsWith("\"") || raw.substring(1, raw.length() - 1).contains("\""))
            throw new IllegalArgumentException("unterminated quote in '" + clause.strip() + "'");
        return raw.substring(1, raw.length() - 1);
    }

    /** Splits at {@code separator} outside quotes; an unterminated quote or an empty part is an error. */
    private static List<String> split(String text, char separator) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (char c : text.toCharArray()) {
            if (c == '"') quoted = !quoted;
            if (c == separator && !quoted) {
                parts.add(nonEmpty(current.toString(), text));
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        if (quoted) throw new IllegalArgumentException("unterminated quote in '" + text.strip() + "'");
        parts.add(nonEmpty(current.toString(), text));
        return parts;
    }

    private static String nonEmpty(String part, String text) {
        if (part.isBlank()) throw new IllegalArgumentException("empty element in '" + text.strip() + "'");
        return part;
    }
}
