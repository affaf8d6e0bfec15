package dev.weft.woven;

import dev.weft.Context;
import dev.weft.Waker;

/**
 * The context a generator or stream body is stepped with: the slot through which an emit hands
 * its element to the consumer, whose driver takes it out after the step suspends.
 *
 * <pre>
 * slot      event                            next      what the step answers
 * -------   ------------------------------   -------   ------------------------------
 * empty     the body emits                   holding   SUSPENDED: the driver takes the element
 * holding   the driver takes the element     empty
 * empty     the body resumes at that emit    empty     (the emit's await is ready: it continues)
 * empty     the body suspends on an await    empty     SUSPENDED with nothing held: pending
 * </pre>
 */
abstract class EmitContext extends Context implements Waker {
    private Object element;
    private boolean holding;

    void offer(Object value) {
        element = value;
        holding = true;
    }

    boolean holding() {
        return holding;
    }

    Object take() {
        Object v = element;
        element = null;
        holding = false;
        return v;
    }
}
