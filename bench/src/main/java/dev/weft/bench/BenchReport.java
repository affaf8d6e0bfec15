package dev.weft.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the whole suite and writes {@code RESULTS.md}: every JMH benchmark under
 * {@code dev.weft.bench} with the GC profiler, then the process measurements.
 *
 * <pre>
 * java -jar bench/target/weft-benchmarks.jar --profile short --out bench/RESULTS.md
 * java -jar bench/target/weft-benchmarks.jar --include 'sched\..*' --out /tmp/sched.md
 * </pre>
 *
 * For a single benchmark with JMH's own options, use {@code java -cp weft-benchmarks.jar
 * org.openjdk.jmh.Main <regex>}.
 */
public final class BenchReport {
    private BenchReport() {}

    public static void main(String[] args) throws Exception {
        Profile profile = Profile.SHORT;
        Path out = Path.of("RESULTS.md");
        String include = "dev\\.weft\\.bench\\..*";
        boolean measurements = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--profile": profile = Profile.named(args[++i]); break;
                case "--out": out = Path.of(args[++i]); break;
                case "--include": include = "dev\\.weft\\.bench\\." + args[++i]; measurements = false; break;
                default:
                    System.err.println("usage: [--profile short|full] [--out FILE] [--include REGEX]");
                    System.exit(2);
            }
        }
        Path jar = benchmarksJar();
        long started = System.nanoTime();
        Collection<RunResult> results = new Runner(options(profile, include, jar)).run();
        StringBuilder md = new StringBuilder(header(profile));
        md.append(ResultsTable.render(results));
        if (measurements) {
            for (ProcessMeasurement m : Measurements.ALL) {
                md.append(m.run(profile, jar)).append('\n');
            }
        }
        md.append(String.format("_Whole run: %.1f minutes._%n", (System.nanoTime() - started) / 60e9));
        Files.writeString(out, md);
        System.out.println("wrote " + out.toAbsolutePath());
    }

    private static org.openjdk.jmh.runner.options.Options options(Profile profile, String include, Path jar) {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(include)
                .addProfiler(GCProfiler.class)
                .shouldFailOnError(true)
                // The forks weave at class load, as a user's JVM would with the agent attached.
                .jvmArgsAppend("-javaagent:" + jar, "-Xms1g", "-Xmx1g");
        return profile.applyTo(options).build();
    }

    private static String header(Profile profile) {
        List<String> facts = new ArrayList<>();
        facts.add("Date: " + LocalDate.now());
        facts.add("JVM: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version")
                + " (" + System.getProperty("java.vendor") + ")");
        facts.add("OS: " + System.getProperty("os.name") + " " + System.getProperty("os.version")
                + ", " + Runtime.getRuntime().availableProcessors() + " cores, "
                + ManagementFactory.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class)
                        .getTotalMemorySize() / (1 << 30) + " GiB");
        facts.add("Profile: " + profile.name().toLowerCase() + " (see bench/README.md); benchmark JVMs use -Xms1g -Xmx1g");
        StringBuilder md = new StringBuilder("# Weft benchmark results\n\n");
        for (String f : facts) {
            md.append("- ").append(f).append('\n');
        }
        md.append("\nMedian and mean are over measurement iterations. \"Ratio to Weft\" is how many times"
                + " faster Weft is than that implementation (above 1: Weft wins). Alloc B/op comes from"
                + " JMH's GC profiler.\n\n");
        return md.toString();
    }

    private static Path benchmarksJar() throws Exception {
        Path jar = Path.of(BenchReport.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("run the report from the packaged jar (bench/target/weft-benchmarks.jar), not " + jar);
        }
        return jar;
    }
}
