import static dev.weft.Async.await;
import static dev.weft.Async.ready;

import dev.weft.Future;
import dev.weft.fixtures.Source;

/** A coroutine in the default package: its frame class has no package either. */
public final class DefaultPackageCoroutine {
    private DefaultPackageCoroutine() {}

    public static Future<String> run(Source s, int n) {
        String a = await(s.of("default"));
        int b = await(s.i(n));
        return ready(a + b);
    }
}
