package dev.weft.bench;

import java.nio.file.Path;

/**
 * A measurement JMH cannot make, such as retained heap or class-loading time in a fresh JVM. It
 * starts its own child JVMs (with {@code java} from the JVM running the report) and returns a
 * Markdown section for {@code RESULTS.md}.
 */
public interface ProcessMeasurement {
    /** The section's Markdown, heading included. */
    String run(Profile profile, Path benchmarksJar) throws Exception;
}
