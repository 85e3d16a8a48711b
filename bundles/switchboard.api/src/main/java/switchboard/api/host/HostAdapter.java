package switchboard.api.host;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Runs {@code ip}, {@code nft}, {@code sysctl}, {@code wg} and {@code wireguard-go} (the user-space WireGuard,
 * where the kernel has no module; it puts itself in the background) with a timeout and captured output.
 * When not root, or with {@code apply=false} in PID {@code switchboard.host}, commands are only
 * rendered and logged (dry run) and report success.
 */
@ProviderType
public interface HostAdapter {
    String PID = "switchboard.host";

    /** Tools the adapter runs; anything else is refused. */
    List<String> TOOLS = List.of("ip", "nft", "sysctl", "wg", "wireguard-go");

    CommandResult run(List<String> command);

    /** Runs a command with {@code stdin} as its standard input (e.g. {@code nft -f -}). */
    CommandResult run(List<String> command, String stdin);

    boolean dryRun();

    /** The most recent commands, newest last. */
    List<CommandResult> recent();
}
