@file:JvmName("Spawning")

package dev.weft.bench.kotlin

import java.util.concurrent.atomic.LongAdder
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking

/** Launches [n] trivial coroutines on Dispatchers.Default; runBlocking returns when all finished. */
fun launchMany(n: Int): Long {
    val ran = LongAdder()
    runBlocking {
        repeat(n) {
            launch(Dispatchers.Default) { ran.increment() }
        }
    }
    return ran.sum()
}
