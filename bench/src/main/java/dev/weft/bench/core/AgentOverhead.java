package dev.weft.bench.core;

import dev.weft.bench.ChildJvm;
import dev.weft.bench.ProcessMeasurement;
import dev.weft.bench.Profile;
import dev.weft.bench.ResultsFormat;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What the agent costs code that never uses Weft: {@link ClassLoadingRun} loads every class of
 * the Kotlin standard library and kotlinx.coroutines (bundled in the benchmarks jar) in a fresh
 * JVM, with and without {@code -javaagent}, alternating, {@code processRuns} times each.
 */
public final class AgentOverhead implements ProcessMeasurement {
    @Override
    public String run(Profile profile, Path jar) throws Exception {
        int runs = profile.processRuns;
        double[] without = new double[runs];
        double[] with = new double[runs];
        String classes = "";
        for (int i = 0; i < runs; i++) {
            String[] plain = ChildJvm.run(jar, List.of(), ClassLoadingRun.class).split(" ");
            String[] woven = ChildJvm.run(jar, List.of("-javaagent:" + jar), ClassLoadingRun.class).split(" ");
            without[i] = Double.parseDouble(plain[0]);
            with[i] = Double.parseDouble(woven[0]);
            classes = plain[1];
        }
        double ratio = median(with) / median(without);
        List<String> md = new ArrayList<>();
        md.add("## Agent overhead on class loading\n");
        md.add("Loading " + classes + " classes that never use Weft (kotlin-stdlib and kotlinx-coroutines) in a fresh"
                + " class loader, " + runs + " fresh JVMs per side, alternating.\n");
        md.add("| Side | Median ms | Runs (ms) |\n|---|---:|---|");
        md.add("| without agent | " + ResultsFormat.number(median(without)) + " | " + list(without) + " |");
        md.add("| with agent | " + ResultsFormat.number(median(with)) + " | " + list(with) + " |");
        md.add("\nRatio with/without: " + ResultsFormat.ratio(ratio) + "\n");
        return String.join("\n", md);
    }

    private static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    private static String list(double[] xs) {
        List<String> s = new ArrayList<>();
        for (double x : xs) {
            s.add(ResultsFormat.number(x));
        }
        return String.join(", ", s);
    }
}
