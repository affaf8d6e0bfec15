package dev.weft.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Copying a 256 MB file with {@link AsyncFile} takes bounded memory: the child JVM's heap is fixed
 * at 64 MB (so keeping the file in memory would fail) and resident from the start, so the growth
 * of its resident set across the copy is the native memory the copy took (the page cache is not
 * counted in it).
 */
@EnabledOnOs(OS.LINUX) // reads /proc/self/status
@Tag("stress")
class FileCopyMemoryTest {
    private static final long SIZE = 256L << 20;
    private static final long BOUND_KIB = 16 << 10;

    @TempDir
    Path dir;

    @Test
    void copyingA256MegabyteFileGrowsResidentMemoryByLessThan16Megabytes() throws Exception {
        Path out = dir.resolve("child.out");
        Process child = new ProcessBuilder(javaBinary(), "-Xms64m", "-Xmx64m", "-XX:+AlwaysPreTouch",
                "-XX:+UseSerialGC", "-cp", classPath(), FileCopyChild.class.getName(),
                dir.resolve("from").toString(), dir.resolve("to").toString(), String.valueOf(SIZE))
                .redirectErrorStream(true)
                .redirectOutput(out.toFile())
                .start();
        assertTrue(child.waitFor(300, TimeUnit.SECONDS), "the child did not finish");
        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        assertEquals(0, child.exitValue(), String.join("\n", lines));
        long grew = value(lines, "grewKiB=");
        System.out.println("copying 256 MB with AsyncFile grew resident memory by " + grew + " KiB, used heap by "
                + value(lines, "heapGrewKiB=") + " KiB (heap fixed at 64 MB)");
        assertTrue(grew < BOUND_KIB, "resident memory grew by " + grew + " KiB");
    }

    private static long value(List<String> lines, String key) {
        return lines.stream().filter(l -> l.startsWith(key)).mapToLong(l -> Long.parseLong(l.substring(key.length())))
                .findFirst().orElseThrow(() -> new AssertionError("no " + key + " in " + lines));
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The runtime's classes and this module's test classes, wherever surefire put them. */
    private static String classPath() throws Exception {
        return Path.of(AsyncFile.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                + File.pathSeparator
                + Path.of(FileCopyChild.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }
}
