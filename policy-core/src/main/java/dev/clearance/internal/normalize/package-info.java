/**
 * Evasion-resistant views of content: format and non-spacing code points removed, full-width forms, homoglyphs,
 * Unicode spaces and digits folded to ASCII, string concatenations joined, HTML references, escapes and spelled-out
 * e-mail addresses decoded, URL, base64 and gzip/zlib encodings decoded, nested to a bounded depth — each with a map
 * back to the original UTF-16 offsets. Internal: may change at any time.
 */
package dev.clearance.internal.normalize;
