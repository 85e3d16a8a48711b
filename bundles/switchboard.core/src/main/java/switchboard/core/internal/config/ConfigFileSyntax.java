package switchboard.core.internal.config;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.regex.Pattern;
import org.apache.felix.cm.file.ConfigurationHandler;
import switchboard.api.config.InvalidConfigurationException;

/**
 * Syntax of the files in {@code etc/}: {@code .cfg} is a properties file whose values may be typed in
 * the {@code .config} notation (e.g. {@code I"8080"}, {@code ["a","b"]}); {@code .config} is that notation.
 */
public final class ConfigFileSyntax {
    private static final Pattern TYPED_VALUE = Pattern.compile("^[TIiLlFfDdXxSsCcBb]?[\"\\[(].*", Pattern.DOTALL);

    private ConfigFileSyntax() {}

    public static void check(String fileName, String content) throws InvalidConfigurationException {
        if (fileName.endsWith(".config")) {
            checkTyped("", content);
            return;
        }
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(content));
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidConfigurationException("", EtcFileChecker.MARKER + " " + fileName + ": " + e.getMessage());
        }
        for (String key : properties.stringPropertyNames()) {
            String value = properties.getProperty(key).trim();
            if (TYPED_VALUE.matcher(value).matches()) checkTyped(key, "v=" + value + "\n");
        }
    }

    private static void checkTyped(String key, String text) throws InvalidConfigurationException {
        try {
            ConfigurationHandler.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException | RuntimeException e) {
            throw new InvalidConfigurationException(key, EtcFileChecker.MARKER + " the typed value: " + e.getMessage());
        }
    }
}
