package demo;

import dev.weft.Async;
import dev.weft.Future;

public class Bad {
    static synchronized Future<Integer> locked(Future<Integer> f) {
        return Async.ready(Async.await(f) + 1);
    }
}
