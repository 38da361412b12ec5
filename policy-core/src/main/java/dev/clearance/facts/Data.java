package dev.clearance.facts;

import dev.clearance.Classification;
import java.util.List;

/**
 * The data being sent, as rules see it: never the content itself.
 *
 * <p>{@code classification} is the <em>effective</em> classification: the declared one raised by every
 * {@code CUSTOM} finding's classification.
 */
public final class Data {
    private final Classification classification;
    private final Classification declaredClassification;
    private final List<String> labels;
    private final int contentLength;
    private final boolean hasContent;

    public Data(
            Classification classification,
            Classification declaredClassification,
            List<String> labels,
            int contentLength,
            boolean hasContent) {
        this.classification = classification;
        this.declaredClassification = declaredClassification;
        this.labels = List.copyOf(labels);
        this.contentLength = contentLength;
        this.hasContent = hasContent;
    }

    /** The effective classification: declared, raised by custom findings. */
    public Classification getClassification() {
        return classification;
    }

    /** The classification the request declared (or {@code INTERNAL} when it declared none). */
    public Classification getDeclaredClassification() {
        return declaredClassification;
    }

    /** True when custom findings raised the classification above the declared one. */
    public boolean isRaised() {
        return classification != declaredClassification;
    }

    /** True when the effective classification is at least {@code other}. */
    public boolean atLeast(Classification other) {
        return classification.atLeast(other);
    }

    public List<String> getLabels() {
        return labels;
    }

    public boolean hasLabel(String label) {
        return labels.contains(label);
    }

    /** Length of the content in UTF-16 code units; 0 when there is none. */
    public int getContentLength() {
        return contentLength;
    }

    /** Whether the request carried content at all. */
    public boolean isHasContent() {
        return hasContent;
    }

    @Override
    public String toString() {
        return "Data[" + classification + (isRaised() ? " (declared " + declaredClassification + ")" : "") + ", labels="
                + labels + ", contentLength=" + contentLength + "]";
    }
}
