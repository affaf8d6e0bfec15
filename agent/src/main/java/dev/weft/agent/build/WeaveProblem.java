package dev.weft.agent.build;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Something that stops a build: a misplaced {@code await}, or a class the weaver could not weave.
 * {@code sourcePath} is the source file relative to its source root ({@code com/example/App.java}),
 * {@code line} is -1 when no line is known.
 *
 * <p>{@link #toString()} reads like a compiler error:
 * {@code com/example/App.java:12: misplaced await in com.example.App.run: await inside a synchronized block}.
 */
public record WeaveProblem(String sourcePath, int line, String message) {
    /** What {@code ClassWeaver} reports: {@code Weft: misplaced await at pkg.Cls.m(File.java:12): reason}. */
    private static final Pattern MISUSE = Pattern.compile("Weft: misplaced await at ([^(]*)\\.([^.(]+)\\(([^):]*)(?::(\\d+))?\\): (.*)",
            Pattern.DOTALL);

    /** A misuse message of the weaver, with its class's package to place the source file. */
    static WeaveProblem ofMisuse(String packagePath, String fallbackSource, String misuse) {
        Matcher m = MISUSE.matcher(misuse);
        if (!m.matches()) {
            return new WeaveProblem(packagePath + fallbackSource, -1, misuse);
        }
        int line = m.group(4) == null ? -1 : Integer.parseInt(m.group(4));
        String file = m.group(3).equals("Unknown Source") ? fallbackSource : m.group(3);
        return new WeaveProblem(packagePath + file, line,
                "misplaced await in " + m.group(1) + "." + m.group(2) + ": " + m.group(5));
    }

    @Override
    public String toString() {
        return sourcePath + (line > 0 ? ":" + line : "") + ": " + message;
    }
}
