package dev.weft.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.VerboseMode;
import org.junit.jupiter.api.Test;

/**
 * Runs every benchmark once, in this JVM, for one short iteration: each checks its own result, so
 * a benchmark that computes the wrong thing, hangs its setup or leaks a failure fails the build
 * here rather than in a 15-minute report run. Not a measurement. Virtual-thread peers run only
 * on JDK 21 and later.
 */
class EveryBenchmarkRunsTest {

    @Test
    void everyBenchmarkRunsAndChecksItsResult() throws Exception {
        boolean virtualThreads = Runtime.version().feature() >= 21;
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include("dev\\.weft\\.bench\\..*")
                .forks(0)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(new TimeValue(100, TimeUnit.MILLISECONDS))
                .shouldFailOnError(true)
                .verbosity(VerboseMode.SILENT);
        if (!virtualThreads) {
            options.exclude(".*\\.virtualThreads");
        }
        Collection<RunResult> results = new Runner(options.build(),
                OutputFormatFactory.createFormatInstance(System.out, VerboseMode.SILENT)).run();

        Set<String> expected = new TreeSet<>();
        for (BenchmarkListEntry e : BenchmarkList.defaultList().getAll(null, java.util.List.of())) {
            if (virtualThreads || !e.getUsername().endsWith(".virtualThreads")) {
                expected.add(e.getUsername());
            }
        }
        Set<String> ran = new TreeSet<>();
        for (RunResult r : results) {
            ran.add(r.getParams().getBenchmark());
        }
        assertEquals(expected, ran);

        String table = ResultsTable.render(results);
        assertTrue(table.contains("| AwaitFastPath |  | weft |"), table);
        assertTrue(table.matches("(?s).*\\| direct \\|.*\\d+\\.\\d\\d× \\|.*"), table);
    }
}
