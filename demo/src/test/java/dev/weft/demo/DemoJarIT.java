package dev.weft.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Runs the built jar exactly as the README does: {@code java -jar demo/target/weft-demo.jar}, no flags. */
class DemoJarIT {
    private record Run(int exit, String out) {}

    private static Run demo(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", "target/weft-demo.jar"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "demo did not finish");
        return new Run(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    private static double timeOf(String out, String line) {
        Matcher m = Pattern.compile("\\[\\s*([0-9.]+)\\] " + Pattern.quote(line)).matcher(out);
        assertTrue(m.find(), "missing line '" + line + "' in:\n" + out);
        return Double.parseDouble(m.group(1));
    }

    @Test
    void fullTourRunsWithNoFlags() throws Exception {
        Run r = demo("--scale", "0.05", "--clients", "200");
        assertEquals(0, r.exit(), r.out());
        String out = r.out();
        assertTrue(out.indexOf("Hello, Weft!") < out.indexOf("spawned a task")
                && out.indexOf("spawned a task") < out.indexOf("hello again"), out);
        assertTrue(out.contains("its frame fields: [int i0, Object a0, Object a1]; 3 states"), out);
        assertTrue(out.indexOf("dance step 1") < out.indexOf("learned it"), "dances while learning:\n" + out);
        assertTrue(Pattern.compile("2000 round trips in .* served by [1-4] Weft threads").matcher(out).find(),
                "200 clients echoed on a reactor plus 2 workers:\n" + out);
        assertTrue(out.contains("fields [int i0, int i1, int i2, Object a0, Object a1]; 3 states (start + one per emit)"),
                "the generator's frame holds its largest live set:\n" + out);
        assertTrue(out.contains("emitted 6; suspended in {state=1") && out.contains("emitted 0; suspended in {state=2"),
                "the generator suspends at its first emit going up and its second coming down:\n" + out);
        assertTrue(out.indexOf("stream element 0") < out.indexOf("stream: 6 elements"), out);
    }

    @Test
    void concurrentTasksOverlapAndSequentialOnesAddUp() throws Exception {
        Run r = demo("join", "--scale", "0.2");
        assertEquals(0, r.exit(), r.out());
        double sequential = timeOf(r.out(), "sequential: second (2 units) done");
        double concurrent = timeOf(r.out(), "concurrent: second (2 units) done");
        assertTrue(sequential >= 3.0 && concurrent >= 2.0, r.out());
        // Timers only ever fire late, so load can stretch both runs; the overlap shows as the
        // concurrent run (ideally 2 units) finishing before the sequential one (at least 3).
        assertTrue(concurrent < sequential, "sequential " + sequential + ", concurrent " + concurrent + "\n" + r.out());
        assertTrue(r.out().contains("(weft-single-"), "ran on the single-threaded executor:\n" + r.out());
    }

    /** The output the README's "When something hangs or fails" pastes. */
    @Test
    void debugTourPrintsADumpAndAnAsyncStackTrace() throws Exception {
        Run r = demo("debug");
        assertEquals(0, r.exit(), r.out());
        String out = r.out();
        assertTrue(out.contains("Weft task dump at "), out);
        assertTrue(Pattern.compile("task \\d+ \\(report\\) on weft-ws-\\d+: suspended\n(    at .*\n)*"
                + "    waits on: task \\d+ \\(auditor\\)").matcher(out).find(), out);
        assertTrue(out.contains("waits on: socket, waiting to read(TcpStream["), out);
        assertTrue(out.contains("waits on: timer: sleep 300000 ms, deadline in "), out);
        assertTrue(Pattern.compile("Suppressed: dev.weft.AwaitedAt: task \\d+ \\(charge-card 43\\) failed; awaited by task "
                + "\\d+ \\(checkout 43\\)\n\\s+at dev.weft.demo.DebugTour.pay\\(DebugTour.java:\\d+\\)\n"
                + "\\s+at dev.weft.demo.DebugTour.checkoutThatFails\\(DebugTour.java:\\d+\\)").matcher(out).find(), out);
    }

    @Test
    void helpAndUnknownSubcommands() throws Exception {
        Run help = demo("--help");
        assertEquals(0, help.exit());
        assertTrue(help.out().contains("usage: java -jar weft-demo.jar"), help.out());
        Run bad = demo("dance-party");
        assertEquals(2, bad.exit(), bad.out());
        assertTrue(bad.out().contains("unknown subcommand 'dance-party'"), bad.out());
    }
}
