package switchboard.api.config;

/** Thrown by validation: names the key and the reason, so the admin knows what to fix. */
public class InvalidConfigurationException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String key;

    public InvalidConfigurationException(String key, String reason) {
        super(reason);
        this.key = key;
    }

    public String key() {
        return key;
    }
}
