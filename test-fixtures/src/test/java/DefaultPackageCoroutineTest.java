import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Async;
import dev.weft.fixtures.Mode;
import dev.weft.fixtures.Source;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A coroutine in the default package is woven like any other. */
class DefaultPackageCoroutineTest {
    @ParameterizedTest
    @EnumSource(Mode.class)
    void runs(Mode mode) {
        Source s = new Source(mode);
        assertEquals("default7", Async.blockOn(DefaultPackageCoroutine.run(s, 7)));
        assertTrue(mode == Mode.READY ? s.suspensions() == 0 : s.suspensions() > 0);
    }
}
