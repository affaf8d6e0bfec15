package dev.weft.woven;

/**
 * A poll context that wants to know what the coroutine it drives is waiting for, so a task's
 * {@code toString()} can say. {@link Await#poll} tells it the innermost future that answered
 * Pending; the cost is one type check on the suspending path only. Not for users.
 */
public interface AwaitTracker {
    /** The coroutine suspended because {@code future} is pending. */
    void awaiting(Object future);
}
