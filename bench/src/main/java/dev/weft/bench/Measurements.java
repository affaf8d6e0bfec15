package dev.weft.bench;

import java.util.List;

/** The process measurements a full report runs after JMH, in order. */
final class Measurements {
    static final List<ProcessMeasurement> ALL = List.of();

    private Measurements() {}
}
