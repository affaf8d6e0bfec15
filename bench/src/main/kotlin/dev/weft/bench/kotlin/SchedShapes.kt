@file:JvmName("SchedShapes")

package dev.weft.bench.kotlin

import java.util.concurrent.atomic.AtomicInteger
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.async
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.yield

// The Kotlin peers of dev.weft.bench.sched, all on Dispatchers.Default; runBlocking waits for
// every child (structured concurrency), so each function returns only when the work is done.

/** Launches [n] trivial coroutines from outside the dispatcher; returns how many ran. */
fun spawnMany(n: Int): Int {
    val ran = AtomicInteger()
    runBlocking {
        repeat(n) {
            launch(Dispatchers.Default) { ran.incrementAndGet() }
        }
    }
    return ran.get()
}

/**
 * A chain of [depth] coroutines, each launching the next; returns the chain length. The links are
 * siblings in runBlocking's scope, not each other's children: a job tree 1,000 deep overflows the
 * stack when it completes.
 */
fun chainedSpawn(depth: Int): Int {
    val length = AtomicInteger()
    runBlocking {
        val scope: CoroutineScope = this
        scope.launch(Dispatchers.Default) { link(scope, depth, length) }
    }
    return length.get()
}

private fun link(scope: CoroutineScope, remaining: Int, length: AtomicInteger) {
    length.incrementAndGet()
    if (remaining > 1) {
        scope.launch(Dispatchers.Default) { link(scope, remaining - 1, length) }
    }
}

/** Two coroutines exchanging [rounds] messages through one-shot CompletableDeferreds; returns the rounds. */
fun pingPong(rounds: Int): Int = runBlocking {
    val toPong = Array(rounds) { CompletableDeferred<Int>() }
    val toPing = Array(rounds) { CompletableDeferred<Int>() }
    launch(Dispatchers.Default) {
        for (i in 0 until rounds) {
            toPing[i].complete(toPong[i].await() + 1)
        }
    }
    async(Dispatchers.Default) {
        for (i in 0 until rounds) {
            toPong[i].complete(i)
            val answer = toPing[i].await()
            check(answer == i + 1) { "round $i answered $answer" }
        }
        rounds
    }.await()
}

/** [tasks] coroutines each calling yield() [yields] times; returns the total number of yields. */
fun yieldMany(tasks: Int, yields: Int): Long {
    val total = AtomicInteger()
    runBlocking {
        repeat(tasks) {
            launch(Dispatchers.Default) {
                var yielded = 0
                repeat(yields) {
                    yield()
                    yielded++
                }
                total.addAndGet(yielded)
            }
        }
    }
    return total.get().toLong()
}
