package dev.weft.agent.weave;

import java.util.List;

/**
 * The source line of each await site of one coroutine, read before the emitter rewrites the body:
 * the frame class's line table ({@link #table}) and the line the emitter gives each save block.
 * A site's line is the one a stack trace would show for the await call, the nearest line entry
 * before it in code order; 0 when the class has no line numbers.
 */
final class SiteLines {
    private final String method;
    private final int[] lines;

    private SiteLines(String method, int[] lines) {
        this.method = method;
        this.lines = lines;
    }

    static SiteLines of(String method, List<AwaitSite> sites) {
        int[] lines = new int[sites.size() + 1];
        for (int k = 1; k <= sites.size(); k++) {
            lines[k] = Math.max(0, SourceLines.lineOf(sites.get(k - 1).insn()));
        }
        return new SiteLines(method, lines);
    }

    /** The coroutine method's name as the user wrote it (the body of a second overload has a suffix). */
    String method() {
        return method;
    }

    /** Line of await site k, or 0 when unknown. */
    int of(int state) {
        return lines[state];
    }

    /** The line all of {@code states} are on, or 0 when they are on several (or unknown). */
    int common(List<Integer> states) {
        int line = lines[states.get(0)];
        for (int k : states) {
            if (lines[k] != line) {
                return 0;
            }
        }
        return line;
    }

    /**
     * Char k is the line of site k (char 0, state 0, is never read). Class-file line numbers are
     * unsigned 16-bit, so each fits a char; a method's 64 KiB of code holds a few thousand awaits
     * at most, so the string stays far below a constant's 65,535 bytes even at three bytes a char.
     */
    String table() {
        StringBuilder b = new StringBuilder(lines.length);
        for (int line : lines) {
            b.append((char) line);
        }
        return b.toString();
    }
}
