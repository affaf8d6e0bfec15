package dev.weft;

import dev.weft.scheduler.CurrentExecutor;
import dev.weft.scheduler.DefaultExecutor;
import java.util.concurrent.CompletionStage;

/**
 * The entry points of async code: {@code await} inside coroutines, {@code ready} to return a value,
 * {@code blockOn} and {@code spawn} to run futures.
 *
 * <pre>{@code
 * import static dev.weft.Async.await;
 * import static dev.weft.Async.ready;
 *
 * Future<String> greet(Future<User> user) {
 *     User u = await(user);
 *     await(Timer.sleep(Duration.ofMillis(10)));
 *     return ready("hello " + u.name());
 * }
 *
 * String s = Async.blockOn(greet(loadUser()));
 * }</pre>
 *
 * <p>{@code await} works only in methods Weft wove: at build time ({@code weft-maven-plugin}, or
 * {@code java -jar weft-agent.jar weave}), or as their classes load under the agent
 * ({@code -javaagent:weft-agent.jar}, or {@code dev.weft.agent.WeftAgent.install()} before the
 * classes that use {@code await} are loaded).
 */
public final class Async {
    /** Set by the agent when it starts, so the unwoven-await message can say what went wrong. */
    static final String AGENT_PROPERTY = "weft.agent.installed";
    /**
     * Prefix of the system property in which the agent records, under a class's binary name, why
     * it left a class that calls {@code await} unwoven (skipped, or weaving failed).
     */
    static final String NOT_WOVEN_PREFIX = "weft.agent.notWoven.";

    private Async() {}

    /**
     * Waits for {@code future} without blocking the thread: the enclosing coroutine suspends until
     * the future is ready, then continues with its value. Rethrows the future's failure unchanged.
     *
     * @throws IllegalStateException when reached in a class the agent did not weave
     */
    public static <T> T await(Future<T> future) {
        throw notWoven();
    }

    /**
     * Waits for {@code stage} without blocking the thread. A failed stage rethrows its cause,
     * unwrapped from {@code CompletionException}.
     *
     * @throws IllegalStateException when reached in a class the agent did not weave
     */
    public static <T> T await(CompletionStage<T> stage) {
        throw notWoven();
    }

    /** A future that is ready with {@code value} on its first poll; {@code return ready(x)} in a coroutine allocates nothing. */
    public static <T> Future<T> ready(T value) {
        return new ReadyFuture<>(value);
    }

    /**
     * Drives {@code future} on the calling thread until it is ready, parking between wakes.
     * Rethrows the future's failure unchanged (the same instance, checked or not).
     */
    public static <T> T blockOn(Future<T> future) {
        return new BlockingDriver().drive(future);
    }

    /**
     * Runs {@code future} as a task on the executor of the calling task, or on the default executor
     * (daemon threads, created on first use) when called outside any task.
     */
    public static <T> JoinHandle<T> spawn(Future<T> future) {
        Executor current = CurrentExecutor.get();
        return (current != null ? current : DefaultExecutor.get()).spawn(future);
    }

    /**
     * A future that is Pending on its first poll (after waking its task) and Ready on the next, so
     * the task goes to the back of its executor's queue and lets the tasks waiting there run first.
     * Use it in long loops that would otherwise never suspend.
     *
     * <pre>{@code
     * Future<Long> sumAll(List<Long> values) {
     *     long sum = 0;
     *     for (int i = 0; i < values.size(); i++) {
     *         sum += values.get(i);
     *         if (i % 1024 == 1023) {
     *             await(Async.yieldNow()); // let other tasks on this worker run
     *         }
     *     }
     *     return ready(sum);
     * }
     * }</pre>
     */
    public static Future<Void> yieldNow() {
        return new YieldNow();
    }

    private static IllegalStateException notWoven() {
        StackWalker.StackFrame caller = StackWalker.getInstance()
                .walk(frames -> frames.skip(2).findFirst().orElse(null));
        String where = caller == null ? "unknown caller" : caller.getClassName() + "." + caller.getMethodName()
                + "(" + caller.getFileName() + ":" + caller.getLineNumber() + ")";
        String why = caller == null ? whyNotWoven(null) : whyNotWoven(caller.getClassName());
        return new IllegalStateException("Async.await reached in a method that was not woven, at " + where + ": " + why);
    }

    /** The true reason, most specific first: what the agent recorded for the class, then the agent's absence. */
    private static String whyNotWoven(String className) {
        String recorded = className == null ? null : System.getProperty(NOT_WOVEN_PREFIX + className);
        if (recorded != null) {
            return "the Weft agent left this class unwoven: " + recorded;
        }
        if (Boolean.getBoolean(AGENT_PROPERTY)) {
            return "the Weft agent is installed, but this class was loaded before it (call WeftAgent.install() "
                    + "earlier, or use -javaagent:weft-agent.jar)";
        }
        return "the Weft agent is not attached: run with -javaagent:weft-agent.jar, or call "
                + "dev.weft.agent.WeftAgent.install() before this class is loaded; or weave the class at build "
                + "time (weft-maven-plugin, or java -jar weft-agent.jar weave)";
    }
}
