package dev.clearance.catalog;

import dev.clearance.PolicyException;

/**
 * A catalog refused because it would override the provider facts of a pack signed by a trusted key without being
 * signed by a trusted key itself (see {@link ProviderCatalog#load(java.nio.file.Path, dev.clearance.pack.PackTrust)}).
 * The message names the file and why, never its content.
 */
public final class UntrustedCatalogException extends PolicyException {
    private static final long serialVersionUID = 1L;

    public UntrustedCatalogException(String message) {
        super(message);
    }
}
