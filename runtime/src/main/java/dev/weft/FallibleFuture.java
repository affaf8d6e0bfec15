package dev.weft;

/**
 * A future that says in its type which checked exception it may fail with, so that awaiting it is
 * checked by javac: {@link Async#await(FallibleFuture)} declares {@code throws X}, and the caller
 * catches {@code X} by name (a plain {@link Future} stays unchecked).
 *
 * <pre>{@code
 * Future<Integer> firstByte(TcpStream stream) {
 *     ByteBuffer buf = ByteBuffer.allocate(1);
 *     try {
 *         return ready(await(stream.read(buf)) < 0 ? -1 : buf.get(0) & 0xFF);
 *     } catch (IOException e) {         // read returns FallibleFuture<Integer, IOException>
 *         return ready(-2);
 *     }
 * }
 * }</pre>
 *
 * <p>A coroutine declares its own checked failure in its return type, not in a {@code throws}
 * clause (its call never throws; only awaiting its future does), by handing its body to
 * {@link Async#fallible}: the body may throw {@code X}, the method does not.
 *
 * <pre>{@code
 * FallibleFuture<String, IOException> greeting(TcpStream stream) {
 *     return Async.fallible(() -> {
 *         ByteBuffer buf = ByteBuffer.allocate(64);
 *         if (await(stream.read(buf)) < 0) {
 *             throw new EOFException("closed before the greeting");
 *         }
 *         return ready(new String(buf.array(), 0, buf.position(), US_ASCII));
 *     });
 * }
 * }</pre>
 *
 * <p>The failure type is a promise of the implementation, as a {@code throws} clause is: a future
 * may still fail with an unchecked exception or an error, and nothing stops it from throwing a
 * checked exception it did not declare. Any {@code Future} can be seen as a fallible one with a
 * method reference, {@code FallibleFuture<T, IOException> f = future::poll}.
 *
 * @param <T> the type of the value the future completes with
 * @param <X> the checked exception the future may fail with
 */
@FunctionalInterface
public interface FallibleFuture<T, X extends Exception> extends Future<T> {
    /**
     * The body of a coroutine that fails with {@code X}: {@link Async#fallible} runs it at the first
     * poll of the future it returns.
     *
     * @param <T> the coroutine's output type
     * @param <X> the checked exception the body may throw
     */
    @FunctionalInterface
    interface Body<T, X extends Exception> {
        /** Starts the coroutine; a body that awaits is woven, so this returns its (lazy) future. */
        Future<T> start() throws X;
    }
}
