package dev.weft;

/**
 * How a future shows in a task dump ({@link TaskDump}): a leaf future says what it waits on, a
 * future that only wraps another names the one it polls, so the dump can look inside.
 *
 * <p>{@code toString()} stays what it was, the name of the operation (error messages use it);
 * {@code describe()} is its state at this moment, read racily from another thread, so it must
 * not block, take a lock that a poll could hold for long, or describe another task in full (a
 * task is named by {@code describe()} too: its id and name).
 *
 * <pre>{@code
 * final class Countdown implements Future<Void>, Described {
 *     private volatile int left = 3;
 *     ...
 *     public String describe() {      // the dump's words for it
 *         return "countdown, " + left + " ticks left";
 *     }
 * }
 * // in a dump:  waits on: countdown, 2 ticks left
 * }</pre>
 */
public interface Described {
    /** What this future waits on now, in a few words; for a task, its id and name. */
    String describe();

    /**
     * The future this one polls on behalf of its caller, adding only a context or a name (a
     * task-local binding, {@code Async.fallible}), which a dump walks into; null for a leaf.
     */
    default Object inner() {
        return null;
    }

    /**
     * What {@code future} waits on: its {@link #describe()} if it has one, else its
     * {@code toString()} if it overrides {@code Object}'s, else its class's simple name.
     */
    static String of(Object future) {
        if (future == null) {
            return "nothing";
        }
        if (future instanceof Described d) {
            String text = d.describe();
            if (text != null) {
                return text;
            }
        }
        String text = String.valueOf(future);
        Class<?> type = future.getClass();
        if (text.equals(type.getName() + "@" + Integer.toHexString(System.identityHashCode(future)))) {
            return type.getSimpleName().isEmpty() ? type.getName() : type.getSimpleName();
        }
        return text;
    }
}
