package dev.weft.agent;

import java.nio.file.Path;

/**
 * The options after {@code -javaagent:weft-agent.jar=}: a comma-separated list of {@code verbose}
 * (log each woven method) and {@code dump=DIR} (write woven classes and frame classes there).
 */
record AgentOptions(boolean verbose, Path dumpDir) {
    static AgentOptions parse(String args) {
        boolean verbose = false;
        Path dump = null;
        if (args != null) {
            for (String part : args.split(",")) {
                String opt = part.trim();
                if (opt.isEmpty()) {
                    continue;
                }
                if (opt.equals("verbose")) {
                    verbose = true;
                } else if (opt.startsWith("dump=")) {
                    dump = Path.of(opt.substring("dump=".length()));
                } else {
                    throw new IllegalArgumentException("unknown Weft agent option '" + opt
                            + "'; known: verbose, dump=DIR");
                }
            }
        }
        return new AgentOptions(verbose, dump);
    }
}
