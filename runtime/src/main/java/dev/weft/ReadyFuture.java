package dev.weft;

import dev.weft.woven.UnboxedPoll;

/** A future that is ready on its first poll; its answer is built once, so polling allocates nothing. */
final class ReadyFuture<T> implements Future<T>, UnboxedPoll {
    private final Poll<T> answer;

    ReadyFuture(T value) {
        this.answer = Poll.ready(value);
    }

    @Override
    public Poll<T> poll(Context cx) {
        return answer;
    }

    @Override
    public Object pollUnboxed(Context cx) {
        return answer.value();
    }

    @Override
    public String toString() {
        return "ReadyFuture[" + answer + "]";
    }
}
