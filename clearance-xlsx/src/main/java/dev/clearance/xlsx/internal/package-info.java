/** The Apache POI implementation of policy-core's XLSX table reader. Internal: may break at any time. */
package dev.clearance.xlsx.internal;
