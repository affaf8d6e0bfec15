package dev.weft.bench.streams;

import static dev.weft.Generator.emit;

import dev.weft.AsyncStream;
import dev.weft.Generator;

/** The woven producers of the stream benchmarks, loaded after the agent is in ({@code Weave}). */
final class GeneratorTasks {
    private GeneratorTasks() {}

    static Generator<Integer> range(int n) {
        for (int i = 0; i < n; i++) {
            emit(i);
        }
        return Generator.done();
    }

    static AsyncStream<Integer> rangeStream(int n) {
        for (int i = 0; i < n; i++) {
            emit(i);
        }
        return AsyncStream.done();
    }
}
