package dev.weft.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a main class of the benchmarks jar in a fresh JVM (the same {@code java} as this one) and
 * returns the value of its {@code RESULT} line. The child's other output is echoed, so a failure
 * shows its stack trace in the report run's log.
 */
public final class ChildJvm {
    private ChildJvm() {}

    public static String run(Path jar, List<String> jvmArgs, Class<?> main, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(jvmArgs);
        command.add("-cp");
        command.add(jar.toString());
        command.add(main.getName());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String result = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                if (line.startsWith("RESULT ")) {
                    result = line.substring("RESULT ".length());
                } else {
                    System.out.println("  [" + main.getSimpleName() + "] " + line);
                }
            }
        }
        int exit = p.waitFor();
        if (exit != 0 || result == null) {
            throw new IllegalStateException(String.join(" ", command) + " exited with " + exit + " and no RESULT line");
        }
        return result;
    }
}
