package dev.weft;

/**
 * The other half of an async stack trace: added as a suppressed exception to a task's failure when
 * another task (or a thread) reads it through the task's {@link JoinHandle}, by awaiting or
 * joining the handle or through a {@link Scope}. Its stack trace is where the reader was waiting:
 * for a task, each coroutine from the innermost await out; for a thread, its own frames. The
 * failure's own stack trace is left as it was, so together they read like one stack:
 *
 * <pre>
 * java.lang.IllegalStateException: no such user: 7
 *     at com.example.Users.load(Users.java:51)
 *     ...
 *     Suppressed: dev.weft.AwaitedAt: task 2 (load-user) failed; awaited by task 1 (render-page)
 *         at com.example.Pages.render(Pages.java:20)
 *         at com.example.Pages.handle(Pages.java:12)
 * </pre>
 *
 * <p>One is added per crossing: a failure that travels up through three tasks carries three, the
 * innermost reader first. Reading the same failure again from the same place (a second
 * {@code join()}, another poll) adds none. A cancellation ({@code CancellationException}) gets none:
 * the runtime made it, for the reader. Nothing is built while tasks succeed.
 */
public final class AwaitedAt extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Made by the runtime when a failure crosses a handle; {@code stack} is the reader's, innermost first. */
    public AwaitedAt(String message, StackTraceElement[] stack) {
        super(message, null, true, true);
        setStackTrace(stack);
    }

    /** Stack traces are given, not filled from the thread that builds one. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
