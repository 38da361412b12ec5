/**
 * DecisionLog of existing AI usage: who already sends what to which AI tools, answered from web-proxy, gateway or
 * chat-export logs with the very rules that will later enforce the policy.
 *
 * <p>{@link dev.clearance.audit.LogFormat} streams {@link dev.clearance.audit.LogRecord}s out of JSONL or CSV,
 * reporting every bad line as an {@link dev.clearance.audit.IssueKind} with its line number;
 * {@link dev.clearance.audit.LogAuditor} decides each record with a normal engine and folds the outcome into an
 * {@link dev.clearance.audit.AuditSummary}, which merges (the cluster audit builds one per worker);
 * {@link dev.clearance.audit.AuditReport} renders it as {@code report.html} and {@code summary.json}. Nothing
 * here ever writes content, a matched value or a full URL: only counts, ids, host names, rule ids and finding
 * types.
 */
package dev.clearance.audit;
