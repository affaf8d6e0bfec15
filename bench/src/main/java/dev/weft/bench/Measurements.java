package dev.weft.bench;

import dev.weft.bench.core.AgentOverhead;
import dev.weft.bench.core.HeapPerTask;
import java.util.List;

/** The process measurements a full report runs after JMH, in order. */
final class Measurements {
    static final List<ProcessMeasurement> ALL = List.of(new HeapPerTask(), new AgentOverhead());

    private Measurements() {}
}
