/**
 * The core of Weft: lazy futures and the tasks that drive them.
 *
 * <p>{@link dev.weft.Future}, {@link dev.weft.Poll}, {@link dev.weft.Context} and
 * {@link dev.weft.Waker} are the poll contract; {@link dev.weft.Async} holds the entry points
 * ({@code await}, {@code ready}, {@code blockOn}, {@code spawn}); {@link dev.weft.Executor} and
 * {@link dev.weft.JoinHandle} run futures as tasks; {@link dev.weft.Join}, {@link dev.weft.Select},
 * {@link dev.weft.FutureSet}, {@link dev.weft.Cancellable} and {@link dev.weft.Bridge} compose them.
 *
 * <pre>{@code
 * Future<String> greet(Future<String> name) {
 *     String n = await(name);
 *     return ready("hello " + n);
 * }
 *
 * String s = Async.blockOn(greet(Async.ready("world")));
 * }</pre>
 *
 * <p>Guarantees: a future does nothing until its first poll; a task is never polled by two threads
 * at once and is polled again only after a wake; a failure is rethrown as the same instance,
 * checked or not.
 */
package dev.weft;
