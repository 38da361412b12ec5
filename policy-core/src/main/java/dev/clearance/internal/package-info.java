/**
 * Engine internals: everything that touches Drools. Not an API: may break at any time, in any release.
 */
package dev.clearance.internal;
