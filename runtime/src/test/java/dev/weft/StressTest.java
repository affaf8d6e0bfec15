package dev.weft;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A test that races real threads many times over, sized by {@link StressSize}. Tagged
 * {@code stress}, so {@code mvn verify -Dweft.excludedGroups=stress} runs only the quick,
 * deterministic suites.
 */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Tag("stress")
@Test
public @interface StressTest {}
