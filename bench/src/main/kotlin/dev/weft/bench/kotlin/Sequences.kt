@file:JvmName("Sequences")

package dev.weft.bench.kotlin

import kotlinx.coroutines.flow.filter
import kotlinx.coroutines.flow.flow
import kotlinx.coroutines.flow.map
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.runBlocking

/** The sum of `sequence { yield(0) .. yield(n - 1) }`, iterated. */
fun sequenceSum(n: Int): Long {
    val s = sequence {
        for (i in 0 until n) {
            yield(i)
        }
    }
    var sum = 0L
    for (x in s) {
        sum += x
    }
    return sum
}

/** `flow { emit(0) .. emit(n - 1) }.map { it * 3 }.filter { it % 2 == 0 }.toList()`, collected by runBlocking; its sum. */
fun flowPipelineSum(n: Int): Long = runBlocking {
    val out = flow {
        for (i in 0 until n) {
            emit(i)
        }
    }.map { it * 3 }.filter { it % 2 == 0 }.toList()
    var sum = 0L
    for (x in out) {
        sum += x
    }
    sum
}
