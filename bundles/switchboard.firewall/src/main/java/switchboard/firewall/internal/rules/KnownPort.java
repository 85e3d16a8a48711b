package switchboard.firewall.internal.rules;

/** A port Switchboard serves: for the port table, and whether it must stay off the WAN. */
public record KnownPort(String service, PortRange ports, String purpose, boolean lanOnly) {}
