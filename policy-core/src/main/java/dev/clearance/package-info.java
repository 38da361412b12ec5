/**
 * Clearance: decide whether data may be sent to an AI tool.
 *
 * <p>Build one {@link dev.clearance.PolicyEngine} per rule pack and share it; it is immutable and thread-safe.
 * Values ({@link dev.clearance.PolicyRequest}, {@link dev.clearance.Decision}, ...) are records. No type of the
 * underlying rule engine appears in this package.
 */
package dev.clearance;
