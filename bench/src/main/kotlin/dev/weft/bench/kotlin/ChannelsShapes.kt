@file:JvmName("ChannelsShapes")

package dev.weft.bench.kotlin

import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking

// The Kotlin peers of dev.weft.bench.channel, on Dispatchers.Default.

/** One message bouncing [rounds] times between two coroutines through two Channel(1)s; returns the rounds. */
fun channelPingPong(rounds: Int): Int = runBlocking {
    val toPong = Channel<Int>(1)
    val toPing = Channel<Int>(1)
    launch(Dispatchers.Default) {
        repeat(rounds) { toPing.send(toPong.receive() + 1) }
    }
    async(Dispatchers.Default) {
        for (i in 0 until rounds) {
            toPong.send(i)
            val answer = toPing.receive()
            check(answer == i + 1) { "round $i answered $answer" }
        }
        rounds
    }.await()
}

/** [producers] coroutines each sending 1..[messages] into one Channel([capacity]); returns the consumer's sum. */
fun manyProducers(producers: Int, messages: Int, capacity: Int): Long = runBlocking {
    val channel = Channel<Int>(capacity)
    val consumer = async(Dispatchers.Default) {
        var sum = 0L
        repeat(producers * messages) { sum += channel.receive() }
        sum
    }
    val sent = (1..producers).map {
        async(Dispatchers.Default) {
            var sum = 0L
            for (i in 1..messages) {
                channel.send(i)
                sum += i
            }
            sum
        }
    }.awaitAll().sum()
    val received = consumer.await()
    check(sent == received) { "sent $sent, received $received" }
    received
}
