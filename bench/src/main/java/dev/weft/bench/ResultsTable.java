package dev.weft.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/**
 * Renders JMH results as Markdown, one table per package, each benchmark class's peers beside its
 * {@code weft} method. The convention that makes this work: a benchmark class is one comparison,
 * and its methods are named after the implementation they measure ({@code weft}, {@code direct},
 * {@code virtualThreads}, {@code kotlin}, {@code completableFuture}, ...).
 */
final class ResultsTable {
    private static final String WEFT = "weft";
    private static final Map<String, String> SECTIONS = Map.of(
            "core", "Await, resume and spawn",
            "sched", "Scheduler: Tokio's benchmark shapes",
            "net", "TCP echo round trips",
            "channel", "Channels",
            "tls", "TLS echo round trips");

    private ResultsTable() {}

    static String render(Collection<RunResult> results) {
        Map<String, Map<String, List<RunResult>>> byPackage = group(results);
        StringBuilder md = new StringBuilder();
        byPackage.forEach((pkg, comparisons) -> {
            md.append("## ").append(SECTIONS.getOrDefault(pkg, pkg)).append("\n\n");
            md.append("| Benchmark | Params | Implementation | Median | Mean ± error (99.9%) | Unit | Alloc B/op | Ratio to Weft |\n");
            md.append("|---|---|---|---:|---:|---|---:|---:|\n");
            comparisons.forEach((comparison, runs) -> rows(md, comparison, runs));
            md.append('\n');
        });
        return md.toString();
    }

    private static Map<String, Map<String, List<RunResult>>> group(Collection<RunResult> results) {
        Map<String, Map<String, List<RunResult>>> byPackage = new LinkedHashMap<>();
        for (RunResult r : results) {
            String cls = className(r.getParams());
            String pkg = cls.substring(0, cls.lastIndexOf('.'));
            pkg = pkg.substring(pkg.lastIndexOf('.') + 1);
            String comparison = cls.substring(cls.lastIndexOf('.') + 1) + "\t" + params(r.getParams());
            byPackage.computeIfAbsent(pkg, k -> new LinkedHashMap<>())
                    .computeIfAbsent(comparison, k -> new ArrayList<>()).add(r);
        }
        return byPackage;
    }

    private static void rows(StringBuilder md, String comparison, List<RunResult> runs) {
        String[] parts = comparison.split("\t", -1);
        RunResult weft = runs.stream().filter(r -> WEFT.equals(method(r.getParams()))).findFirst().orElse(null);
        runs.sort((a, b) -> Boolean.compare(b == weft, a == weft));
        for (RunResult r : runs) {
            Result<?> primary = r.getPrimaryResult();
            md.append("| ").append(parts[0])
                    .append(" | ").append(parts[1])
                    .append(" | ").append(method(r.getParams()))
                    .append(" | ").append(ResultsFormat.number(median(r)))
                    .append(" | ").append(ResultsFormat.number(primary.getScore())).append(" ± ").append(ResultsFormat.number(primary.getScoreError()))
                    .append(" | ").append(primary.getScoreUnit())
                    .append(" | ").append(allocation(r))
                    .append(" | ").append(r == weft || weft == null ? "" : ratio(weft, r))
                    .append(" |\n");
        }
    }

    /** How many times faster Weft is than this peer: above 1 means Weft wins. */
    private static String ratio(RunResult weft, RunResult peer) {
        double w = median(weft);
        double p = median(peer);
        boolean higherIsBetter = weft.getParams().getMode().shortLabel().equals("thrpt");
        double faster = higherIsBetter ? w / p : p / w;
        return ResultsFormat.ratio(faster);
    }

    static double median(RunResult r) {
        return r.getPrimaryResult().getStatistics().getPercentile(50.0);
    }

    private static String allocation(RunResult r) {
        for (Map.Entry<String, Result> e : r.getSecondaryResults().entrySet()) {
            if (e.getKey().endsWith("gc.alloc.rate.norm")) {
                return ResultsFormat.number(e.getValue().getScore());
            }
        }
        return "";
    }

    private static String className(BenchmarkParams p) {
        String b = p.getBenchmark();
        return b.substring(0, b.lastIndexOf('.'));
    }

    private static String method(BenchmarkParams p) {
        String b = p.getBenchmark();
        return b.substring(b.lastIndexOf('.') + 1);
    }

    private static String params(BenchmarkParams p) {
        List<String> kv = new ArrayList<>();
        for (String key : p.getParamsKeys()) {
            kv.add(key + "=" + p.getParam(key));
        }
        return String.join(", ", kv);
    }
}
