package dev.weft.bench;

import java.util.Locale;

/** How numbers look in RESULTS.md: three significant digits or so, and ratios as "1.23×". */
public final class ResultsFormat {
    private ResultsFormat() {}

    public static String number(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        double abs = Math.abs(v);
        String pattern = abs >= 100 ? "%,.0f" : abs >= 10 ? "%.1f" : abs >= 1 ? "%.2f" : "%.3f";
        return String.format(Locale.ROOT, pattern, v);
    }

    /** {@code times} as a ratio, e.g. {@code 2.50×}. */
    public static String ratio(double times) {
        return String.format(Locale.ROOT, "%.2f×", times);
    }
}
