package org.portico.cdn.fingerprint;

import java.io.IOException;
import java.util.Optional;

/**
 * Where {@link FingerprintedAssets} reads the bytes of an asset: a web application's folder, a jar, a directory.
 *
 * <p>Implementations must be thread-safe. They are only ever asked for valid logical paths
 * ({@link FingerprintedName#isLogicalPath(String)}), so they need not defend against traversal themselves.
 */
@FunctionalInterface
public interface AssetLoader {

    /**
     * The content of the asset at {@code logicalPath}, or empty when there is none.
     *
     * @throws IOException when the asset exists but cannot be read
     */
    Optional<byte[]> load(String logicalPath) throws IOException;
}
