package dev.weft;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
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
    /** The classes whose calls only woven code may reach; an unwoven-call message names their caller. */
    private static final Set<String> DECLARES_WOVEN_CALLS =
            Set.of(Async.class.getName(), "dev.weft.Generator", "dev.weft.AsyncStream");

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
     * Waits for {@code future} as {@link #await(Future)} does, and declares the checked exception
     * the future may fail with, so javac makes the caller catch it by name or declare it.
     *
     * <pre>{@code
     * try {
     *     int n = await(stream.read(buf));   // FallibleFuture<Integer, IOException>
     * } catch (IOException e) {
     *     log("peer went away: " + e);
     * }
     * }</pre>
     *
     * <p>javac picks this overload whenever the argument's type is a {@code FallibleFuture}, being
     * the most specific; for a lambda argument {@code X} is inferred as {@code RuntimeException}.
     *
     * @throws X when the future fails with it
     * @throws IllegalStateException when reached in a class the agent did not weave
     */
    public static <T, X extends Exception> T await(FallibleFuture<T, X> future) throws X {
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
     * A coroutine that may fail with the checked exception {@code X}: {@code body} runs at the
     * first poll of the returned future (calling the method that returns it runs nothing), and
     * whatever it throws, {@code X} included, is the future's failure. The way for a coroutine to
     * declare a checked failure in its return type rather than in a {@code throws} clause, which
     * would make its callers handle an exception the call never throws.
     *
     * <pre>{@code
     * FallibleFuture<byte[], IOException> readExactly(TcpStream stream, int n) {
     *     return Async.fallible(() -> {
     *         ByteBuffer buf = ByteBuffer.allocate(n);
     *         while (buf.hasRemaining()) {
     *             if (await(stream.read(buf)) < 0) {
     *                 throw new EOFException(buf.position() + " of " + n + " bytes");
     *             }
     *         }
     *         return ready(buf.array());
     *     });
     * }
     *
     * byte[] header = await(readExactly(stream, 16));   // throws IOException
     * }</pre>
     */
    public static <T, X extends Exception> FallibleFuture<T, X> fallible(FallibleFuture.Body<T, X> body) {
        return new DeferredFallible<>(Objects.requireNonNull(body, "body"));
    }

    /**
     * A future that runs blocking code on a thread kept apart from the executors, so the awaiting
     * task's worker goes on serving other tasks; the same as {@link Blocking#call}, which describes
     * the threads, the queue and cancellation.
     *
     * <pre>{@code
     * ResultSet rows = await(Async.blocking(() -> statement.executeQuery()));   // throws SQLException
     * }</pre>
     */
    public static <T, X extends Exception> FallibleFuture<T, X> blocking(Blocking.Call<T, X> call) {
        return Blocking.call(call);
    }

    /**
     * Drives {@code future} on the calling thread until it is ready, parking between wakes.
     * Rethrows the future's failure unchanged (the same instance, checked or not).
     *
     * <p>An interrupt does not end the wait: the thread parks again, and its interrupt status is
     * set again when {@code blockOn} returns or throws, so the caller can still see it.
     *
     * <pre>{@code
     * public static void main(String[] args) {
     *     String page = Async.blockOn(fetch("https://example.com/"));
     * }
     * }</pre>
     *
     * @throws IllegalStateException when called inside a task, whose executor's thread it would
     *     block (forever, on a one-thread executor); {@code await} the future there instead
     */
    public static <T> T blockOn(Future<T> future) {
        InstalledScheduler.PROVIDER.refuseBlocking("Async.blockOn");
        return new BlockingDriver().drive(future);
    }

    /**
     * Like {@link #blockOn(Future)}, giving up after {@code timeout}: then it throws
     * {@link StuckException}, whose message shows where the future stands and a
     * {@link TaskDump} of every live task, and cancels the future (its {@code finally} blocks run
     * and it gives back the timers, sockets and locks it held). For tests, where a hang should
     * fail with the reason instead of stalling the build.
     *
     * <pre>{@code
     * void echoes() {   // a test
     *     assertEquals("hi", Async.blockOn(echo("hi"), Duration.ofSeconds(5)));
     * }
     * }</pre>
     *
     * @throws StuckException if the future is still pending after {@code timeout}
     * @throws IllegalStateException when called inside a task, as {@link #blockOn(Future)}
     */
    public static <T> T blockOn(Future<T> future, Duration timeout) {
        InstalledScheduler.PROVIDER.refuseBlocking("Async.blockOn");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("negative timeout: " + timeout);
        }
        long nanos = timeout.compareTo(Duration.ofNanos(Long.MAX_VALUE)) >= 0 ? Long.MAX_VALUE : timeout.toNanos();
        return new BlockingDriver().drive(future, nanos);
    }

    /**
     * Runs {@code future} as a task on the executor of the calling task, or on the default executor
     * (daemon threads, created on first use) when called outside any task.
     */
    public static <T> JoinHandle<T> spawn(Future<T> future) {
        return executor().spawn(future);
    }

    /**
     * Like {@link #spawn(Future)}, with a name for the task: its handle's {@code toString()} shows
     * the name, the task's state and, while it is suspended, what it waits for
     * ({@code Task[fetch-user, suspended, awaiting ReadFuture]}). Worker thread names do not change.
     *
     * <pre>{@code
     * JoinHandle<User> h = Async.spawn("fetch-user " + id, fetchUser(id));
     * log.debug("waiting for " + h);
     * }</pre>
     */
    public static <T> JoinHandle<T> spawn(String name, Future<T> future) {
        return executor().spawn(name, future);
    }

    private static Executor executor() {
        Executor current = InstalledScheduler.PROVIDER.currentExecutor();
        return current != null ? current : InstalledScheduler.PROVIDER.defaultExecutor();
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
        return notWoven("Async.await");
    }

    /**
     * What {@code call} (await, or a generator's emit) throws when reached unwoven. The caller named
     * is the first frame outside the classes declaring those calls.
     */
    static IllegalStateException notWoven(String call) {
        StackWalker.StackFrame caller = StackWalker.getInstance()
                .walk(frames -> frames.skip(1).filter(f -> !DECLARES_WOVEN_CALLS.contains(f.getClassName()))
                        .findFirst().orElse(null));
        String where = caller == null ? "unknown caller" : caller.getClassName() + "." + caller.getMethodName()
                + "(" + caller.getFileName() + ":" + caller.getLineNumber() + ")";
        String why = caller == null ? whyNotWoven(null) : whyNotWoven(caller.getClassName());
        return new IllegalStateException(call + " reached in a method that was not woven, at " + where + ": " + why);
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
