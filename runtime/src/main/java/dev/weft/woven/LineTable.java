package dev.weft.woven;

/**
 * Where a generated frame is suspended, from the line table the weaver wrote into its class:
 * woven code calls this from its override of {@link Coroutine#suspendedAt()}; not for users.
 *
 * <p>The table is one string constant per frame class, {@code lines}, whose char {@code k} is the
 * source line of await site {@code k} (0 when the class has no line numbers). A class file's line
 * numbers are unsigned 16-bit values, so every line fits in a char; one constant costs the frame
 * class no field, no initializer and nothing per instance.
 */
public final class LineTable {
    private LineTable() {}

    /**
     * The await site {@code frame} is suspended at, or null when it has not started or is done.
     *
     * @param frame the frame asking, a {@code Coroutine} subclass the weaver generated
     * @param state the frame's state: the site it last suspended at (0: not started)
     * @param lines the frame class's line table, char k for state k
     * @param host the host class's binary name, {@code com.example.Shop}
     * @param method the coroutine method's name
     * @param file the source file the host was compiled from, or null when it does not say
     */
    public static StackTraceElement at(Coroutine<?> frame, int state, String lines, String host, String method,
            String file) {
        if (state <= 0 || state >= lines.length() || !frame.isSuspended()) {
            return null;
        }
        int line = lines.charAt(state);
        return new StackTraceElement(host, method, file, line == 0 ? -1 : line);
    }
}
