@file:JvmName("RoundTrips")

package dev.weft.bench.kotlin

import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.yield

/** One coroutine in runBlocking's single-threaded event loop yielding [n] times. */
fun yieldTimes(n: Int): Int = runBlocking { yieldLoop(n) }

/** [depth] suspend functions calling each other, the innermost yielding [n] times. */
fun nestedYields(depth: Int, n: Int): Int = runBlocking { nested(depth, n) }

private suspend fun yieldLoop(n: Int): Int {
    var count = 0
    repeat(n) {
        yield()
        count++
    }
    return count
}

private suspend fun nested(depth: Int, n: Int): Int =
    if (depth == 1) yieldLoop(n) else nested(depth - 1, n) + 1
