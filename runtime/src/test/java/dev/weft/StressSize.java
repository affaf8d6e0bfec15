package dev.weft;

/**
 * How many rounds a stress test runs: its base count times the system property
 * {@code weft.stress.multiplier} (1 unless set; CI sets it explicitly so it runs a known size).
 *
 * <pre>{@code
 * for (int round = 0; round < StressSize.of(200); round++) { ... }
 * }</pre>
 */
public final class StressSize {
    private static final int MULTIPLIER = Math.max(1, Integer.getInteger("weft.stress.multiplier", 1));

    private StressSize() {}

    public static int of(int base) {
        return Math.multiplyExact(base, MULTIPLIER);
    }
}
