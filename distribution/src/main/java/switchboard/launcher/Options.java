package switchboard.launcher;

import java.nio.file.Path;

/** Command-line options. The home comes from --home, else SWITCHBOARD_HOME, else ./switchboard-home. */
record Options(Path home, String profile, boolean help) {
    static final String USAGE = """
            usage: java -jar switchboard.jar [--home DIR] [--profile default|appliance]
              --home DIR        home directory (etc/ deploy/ data/ log/); default $SWITCHBOARD_HOME or ./switchboard-home
              --profile NAME    default: loopback and high ports, no root needed; appliance: real interfaces and standard ports
                                (used when the home's etc/ is first written)""";

    static Options parse(String[] args, String homeFromEnvironment) {
        Path home = Path.of(homeFromEnvironment == null || homeFromEnvironment.isBlank() ? "switchboard-home" : homeFromEnvironment);
        String profile = "default";
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--home" -> home = Path.of(value(args, ++i, "--home"));
                case "--profile" -> {
                    profile = value(args, ++i, "--profile");
                    if (!profile.equals("default") && !profile.equals("appliance"))
                        throw new IllegalArgumentException("unknown profile '" + profile + "' (default or appliance)");
                }
                case "-h", "--help" -> help = true;
                default -> throw new IllegalArgumentException("unknown argument '" + args[i] + "'");
            }
        }
        return new Options(home.toAbsolutePath().normalize(), profile, help);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length || args[i].isBlank()) throw new IllegalArgumentException(option + " needs a value");
        return args[i];
    }
}
