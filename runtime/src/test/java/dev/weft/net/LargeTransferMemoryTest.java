package dev.weft.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * Writing or reading a 256 MB heap buffer must not cost that much native memory: the JDK copies
 * a heap buffer through a temporary direct buffer as large as what remains of it, and caches it
 * for the thread. Measured in a child JVM whose heap is fixed and resident from the start, so the
 * growth of its resident set across the transfer is the native memory it took.
 */
@EnabledOnOs(OS.LINUX) // reads /proc/self/status
class LargeTransferMemoryTest {
    private static final int SIZE = 256 << 20;
    private static final long BOUND_KIB = 16 << 10;

    @Test
    void writingA256MegabyteHeapBufferGrowsResidentMemoryByLessThan16Megabytes() throws Exception {
        long grew = residentGrowthKib("write");
        System.out.println("writeAll of 256 MB grew resident memory by " + grew + " KiB");
        assertTrue(grew < BOUND_KIB, "resident memory grew by " + grew + " KiB");
    }

    @Test
    void readingIntoA256MegabyteHeapBufferGrowsResidentMemoryByLessThan16Megabytes() throws Exception {
        long grew = residentGrowthKib("read");
        System.out.println("reading 256 MB into one heap buffer grew resident memory by " + grew + " KiB");
        assertTrue(grew < BOUND_KIB, "resident memory grew by " + grew + " KiB");
    }

    private static long residentGrowthKib(String mode) throws Exception {
        Path out = Files.createTempFile("large-" + mode, ".out");
        try {
            Process child = new ProcessBuilder(javaBinary(), "-Xms400m", "-Xmx400m", "-XX:+AlwaysPreTouch",
                    "-XX:+UseSerialGC", "-cp", classPath(), LargeTransferChild.class.getName(), mode,
                    String.valueOf(SIZE))
                    .redirectErrorStream(true)
                    .redirectOutput(out.toFile())
                    .start();
            assertTrue(child.waitFor(120, TimeUnit.SECONDS), "the child did not finish");
            List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
            assertEquals(0, child.exitValue(), String.join("\n", lines));
            return lines.stream().filter(l -> l.startsWith("grewKiB="))
                    .mapToLong(l -> Long.parseLong(l.substring("grewKiB=".length()))).findFirst().orElseThrow();
        } finally {
            Files.deleteIfExists(out);
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The runtime's classes and this module's test classes, wherever surefire put them. */
    private static String classPath() throws Exception {
        return Path.of(TcpStream.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                + File.pathSeparator
                + Path.of(LargeTransferChild.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }
}
