package switchboard.launcher;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A default configuration file as written for one profile. A line starting {@code @NAME@} (e.g.
 * {@code @appliance@port = 53}) is a setting of profile NAME only: kept without the marker for it, dropped
 * for the others. {@code @PROFILE@} becomes the profile's name.
 */
final class ProfileDefaults {
    static final Pattern PROFILE_LINE = Pattern.compile("^@([a-z]+)@");

    private ProfileDefaults() {}

    static String render(String template, String profile) {
        return template.lines()
                .map(line -> forProfile(line, profile))
                .flatMap(Optional::stream)
                .map(line -> line.replace("@PROFILE@", profile))
                .collect(Collectors.joining("\n", "", "\n"));
    }

    private static Optional<String> forProfile(String line, String profile) {
        Matcher marker = PROFILE_LINE.matcher(line);
        if (!marker.find()) return Optional.of(line);
        return marker.group(1).equals(profile) ? Optional.of(line.substring(marker.end())) : Optional.empty();
    }
}
