@file:JvmName("RoundTrips")

package dev.weft.bench.kotlin

import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.yield

/** One coroutine in runBlocking's single-threaded event loop yielding [n] times. */
fun yieldTimes(n: Int): Int = runBlocking {
    var count = 0
    repeat(n) {
        yield()
        count++
    }
    count
}
