@file:JvmName("Suspended")

package dev.weft.bench.kotlin

import java.util.concurrent.atomic.AtomicInteger
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.async
import kotlinx.coroutines.delay
import kotlinx.coroutines.runBlocking

/**
 * Starts [n] coroutines on Dispatchers.Default, each awaiting its own CompletableDeferred, runs
 * [measure] once all are suspended, then completes them and returns the sum of their results.
 */
fun suspendMany(n: Int, measure: Runnable): Long = runBlocking {
    val values = Array(n) { CompletableDeferred<Int>() }
    val started = AtomicInteger()
    val tasks = Array(n) { i ->
        async(Dispatchers.Default) {
            started.incrementAndGet()
            values[i].await()
        }
    }
    while (started.get() < n) {
        delay(1)
    }
    measure.run()
    values.forEachIndexed { i, v -> v.complete(i) }
    var sum = 0L
    for (t in tasks) {
        sum += t.await()
    }
    sum
}
