/**
 * Timers: {@link dev.weft.time.Timer#sleep} and {@link dev.weft.time.Timer#timeout}, both driven
 * by the reactor thread's timer wheel; a future that outlives its deadline fails with
 * {@link dev.weft.time.TimeoutException}.
 *
 * <pre>{@code
 * await(Timer.sleep(Duration.ofMillis(10)));
 * String body = await(Timer.timeout(fetch(url), Duration.ofSeconds(2)));
 * }</pre>
 *
 * <p>Guarantees: a sleep never completes before its duration has passed since its first poll
 * (the wheel has 1 ms ticks); a timer whose future is cancelled leaves the wheel at once.
 */
package dev.weft.time;
