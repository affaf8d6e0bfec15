package dev.weft.agent;

import dev.weft.agent.build.BuildWeaver;
import dev.weft.agent.build.WeaveReport;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The agent jar's command line, for build tools other than Maven: weaves compiled classes ahead of
 * time so they run without the agent.
 *
 * <pre>
 * java -jar weft-agent.jar weave build/classes --classpath lib/weft-runtime.jar
 * java -jar weft-agent.jar weave app.jar --out woven/ --classpath lib/weft-runtime.jar:lib/other.jar
 * </pre>
 *
 * <p>Prints each misplaced {@code await} as {@code com/example/App.java:12: reason} and exits 1 when
 * there is one or a class cannot be woven (those classes are left as they were); exits 2 on bad
 * arguments.
 */
public final class WeaveCommand {
    private static final String USAGE = "usage: java -jar weft-agent.jar weave <classes-dir or jar> [--out DIR] "
            + "[--classpath PATH] [--verbose]\n"
            + "  weaves in place, or writes a woven copy under DIR; PATH lists what the classes were compiled against";

    private WeaveCommand() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** The exit status: 0 woven, 1 misplaced await or weaving failed, 2 bad arguments. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        Arguments a = Arguments.parse(args);
        if (a == null) {
            err.println(USAGE);
            return 2;
        }
        if (!Files.exists(a.input)) {
            err.println("weft weave: no such file or directory: " + a.input);
            return 2;
        }
        try {
            WeaveReport report = new BuildWeaver(a.classpath).weave(a.input, a.out);
            if (a.verbose) {
                report.wovenMethods().forEach(m -> out.println("wove " + m));
            }
            report.problems().forEach(err::println);
            out.println("weft weave " + a.input + ": " + report.summary());
            return report.failed() ? 1 : 0;
        } catch (IOException | RuntimeException e) {
            err.println("weft weave: " + e);
            return 1;
        }
    }

    private record Arguments(Path input, Path out, List<Path> classpath, boolean verbose) {
        /** Null when the arguments do not make sense. */
        static Arguments parse(String[] args) {
            if (args.length < 2 || !args[0].equals("weave")) {
                return null;
            }
            Path input = null;
            Path out = null;
            List<Path> classpath = new ArrayList<>();
            boolean verbose = false;
            for (int i = 1; i < args.length; i++) {
                String arg = args[i];
                boolean takesValue = arg.equals("--out") || arg.equals("--classpath") || arg.equals("-cp");
                if (takesValue && i + 1 == args.length) {
                    return null;
                }
                if (arg.equals("--out")) {
                    out = Path.of(args[++i]);
                } else if (takesValue) {
                    for (String p : args[++i].split(File.pathSeparator)) {
                        classpath.add(Path.of(p));
                    }
                } else if (arg.equals("--verbose")) {
                    verbose = true;
                } else if (input == null && !arg.startsWith("-")) {
                    input = Path.of(arg);
                } else {
                    return null;
                }
            }
            return input == null ? null : new Arguments(input, out, classpath, verbose);
        }
    }
}
