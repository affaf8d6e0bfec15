package dev.weft;

/** A future that is ready on its first poll; its answer is built once, so polling allocates nothing. */
final class ReadyFuture<T> implements Future<T> {
    private final Poll<T> answer;

    ReadyFuture(T value) {
        this.answer = Poll.ready(value);
    }

    @Override
    public Poll<T> poll(Context cx) {
        return answer;
    }

    @Override
    public String toString() {
        return "ReadyFuture[" + answer + "]";
    }
}
