package dev.weft.scheduler;

import dev.weft.Future;

/** A task spawned with a name ({@link NamedFuture}); only such tasks pay for the name's field. */
final class NamedTask<T> extends Task<T> {
    private final String name;

    NamedTask(String name, Future<T> future, Scheduler scheduler) {
        super(future, scheduler);
        this.name = name;
    }

    @Override
    String taskName() {
        return name;
    }
}
