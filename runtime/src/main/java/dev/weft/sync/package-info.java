/**
 * Channels and synchronization between tasks: {@link dev.weft.sync.Channel} (bounded, many
 * producers and consumers), {@link dev.weft.sync.OneShot} (one value, once),
 * {@link dev.weft.sync.Watch} (the latest value), {@link dev.weft.sync.AsyncMutex} and
 * {@link dev.weft.sync.Semaphore}.
 *
 * <pre>{@code
 * Channel<String> ch = Channel.bounded(16);
 * Async.spawn(producer(ch));
 * String first = await(ch.receive());
 * }</pre>
 *
 * <p>Guarantees: waiting here suspends the task, never the thread; a cancelled wait gives back
 * what it held or was about to take (a channel slot, a value, the lock, permits).
 */
package dev.weft.sync;
