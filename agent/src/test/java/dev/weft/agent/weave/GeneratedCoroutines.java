package dev.weft.agent.weave;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.tools.ToolProvider;

/**
 * Coroutine sources too long to write by hand, compiled by the running JDK's javac: the weaver
 * sees exactly what javac emits for them.
 */
final class GeneratedCoroutines {
    private GeneratedCoroutines() {}

    /**
     * {@code static Future<Long> run(Future<Integer> f)} with {@code awaits} await sites, four
     * locals of different types live across each, and a loop and a branch so the analyses see
     * joins (about 18 bytes of code per await).
     */
    static String manyAwaits(String className, int awaits) {
        StringBuilder b = new StringBuilder();
        b.append("import static dev.weft.Async.await;\n")
                .append("public class ").append(className).append(" {\n")
                .append("  public static dev.weft.Future<Long> run(dev.weft.Future<Integer> f) {\n")
                .append("    long total = 0; int count = 0; String tag = \"t\"; double scale = 1.5;\n");
        for (int k = 0; k < awaits; k++) {
            switch (k % 4) {
                case 0 -> b.append("    total += await(f);\n");
                case 1 -> b.append("    count += await(f) + ").append(k).append(";\n");
                case 2 -> b.append("    if (count > ").append(k).append(") total -= await(f); else tag = tag + count;\n");
                default -> b.append("    scale += await(f) * scale;\n");
            }
        }
        b.append("    return dev.weft.Async.ready(total + count + tag.length() + (long) scale);\n  }\n}\n");
        return b.toString();
    }

    /** Compiles one class with no package; returns its class file. */
    static byte[] compile(String className, String source, Path dir) throws IOException {
        Path src = dir.resolve(className + ".java");
        Files.writeString(src, source);
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        String classpath = System.getProperty("java.class.path");
        int status = ToolProvider.getSystemJavaCompiler().run(null, diagnostics, diagnostics, "-g", "-nowarn",
                "-cp", classpath, "-d", dir.toString(), src.toString());
        if (status != 0) {
            throw new IllegalStateException("javac failed:\n" + diagnostics);
        }
        return Files.readAllBytes(dir.resolve(className + ".class"));
    }
}
