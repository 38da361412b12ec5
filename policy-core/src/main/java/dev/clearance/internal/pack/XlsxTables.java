package dev.clearance.internal.pack;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Reads XLSX decision tables. policy-core carries no spreadsheet library: the optional {@code dev.clearance:clearance-xlsx}
 * module implements this interface (found with {@link ServiceLoader}) and brings Apache POI, which Drools' XLSX
 * parser needs. Without it a pack that holds an {@code .xlsx} file does not compile: every such file is an error
 * that names the module to add ({@link #MISSING}). CSV decision tables need nothing beyond policy-core. Internal.
 */
public interface XlsxTables {
    /** The diagnostic for an {@code .xlsx} file when no implementation is on the classpath. */
    String MISSING = "XLSX decision tables need the module dev.clearance:clearance-xlsx on the classpath;"
            + " add it as a dependency, or convert the table to CSV";

    /** Every cell of the workbook's first sheet as displayed text, row by row. */
    List<List<String>> cells(byte[] workbook) throws IOException;

    /** The implementation on the classpath of policy-core, if any. */
    static Optional<XlsxTables> installed() {
        return Holder.INSTALLED;
    }

    /** Looked up once, when first asked. */
    final class Holder {
        private static final Optional<XlsxTables> INSTALLED = ServiceLoader.load(
                        XlsxTables.class, XlsxTables.class.getClassLoader())
                .findFirst();

        private Holder() {}
    }
}
