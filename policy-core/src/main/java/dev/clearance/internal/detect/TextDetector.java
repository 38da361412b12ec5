package dev.clearance.internal.detect;

import dev.clearance.Finding;
import dev.clearance.spi.Detector;
import java.util.function.Consumer;

/**
 * A built-in detector that reads the scan's shared {@link ScanText} instead of copying or walking the
 * {@code String} itself; {@link ScanPipeline} hands every {@code TextDetector} the same one. Internal: may change
 * at any time.
 */
public interface TextDetector extends Detector {

    /** Reports every finding in {@code text} to {@code sink}, as {@link #detect(String, Consumer)}. */
    void detect(ScanText text, Consumer<Finding> sink);

    @Override
    default void detect(String text, Consumer<Finding> sink) {
        detect(ScanText.of(text), sink);
    }
}
