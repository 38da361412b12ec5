/**
 * Evasion-resistant views of content: zero-width characters removed, full-width forms and homoglyphs folded to
 * ASCII, string concatenations joined, URL and base64 encodings decoded one level deep — each with a map back to
 * the original UTF-16 offsets. Internal: may change at any time.
 */
package dev.clearance.internal.normalize;
