package dev.clearance.spi;

/**
 * A detector of named entities: people ({@code PERSON}), places and street addresses ({@code LOCATION}),
 * organisations ({@code ORGANIZATION}) and dates ({@code DATE_TIME}), reported as {@code PII} findings with those
 * Presidio entity types. It costs more than the pattern detectors, so it runs only when asked for: a caller uses
 * {@link dev.clearance.ContentScanner.Builder#addEntityRecognizers()}. Implementations are found with
 * {@link java.util.ServiceLoader} (a {@code META-INF/services/dev.clearance.spi.EntityRecognizer} entry; the optional
 * {@code clearance-entities} module ships one) or added to the scanner builder like any {@link Detector}. The
 * contract of {@link Detector} holds: immutable, thread-safe, linear in the length of the text, never logs or keeps
 * the text.
 */
public interface EntityRecognizer extends Detector {}
