/**
 * The facts rules match on and the {@link dev.clearance.facts.Verdict} they act on. Every rule pack file declares
 * {@code global dev.clearance.facts.Verdict verdict;} and imports what it uses from here, plus
 * {@link dev.clearance.Finding}, {@link dev.clearance.Classification}, {@link dev.clearance.Tier} and
 * {@link dev.clearance.FindingCategory}.
 */
package dev.clearance.facts;
