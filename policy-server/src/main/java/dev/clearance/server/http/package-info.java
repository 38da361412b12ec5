/**
 * The Jetty 12 connector limits against slow and hostile clients, one definition shared by {@code clearance serve}
 * and {@code clearance gateway}: {@link dev.clearance.server.http.ConnectorLimits} (connection limit, header and
 * idle timeouts, their meters) and {@link dev.clearance.server.http.MinimumDataRate} (request body data rate).
 */
package dev.clearance.server.http;
