package org.portico.cdn.fingerprint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The catalogue of an application's own static assets by logical and by fingerprinted name.
 *
 * <p>Each asset is read and hashed once, on first use, and then kept in memory with its content, so that the bytes
 * served always belong to the fingerprint and ETag they are served under. That fits a deployed application whose files
 * do not change while it runs (a WAR); it is meant for Portico's own CSS, scripts and images, not for large media.
 * Assets that do not exist are not remembered, so requests for made-up names cannot grow the catalogue.
 *
 * <p>Thread-safe: concurrent first uses of one asset may read it twice, and all of them get the same asset.
 */
public final class FingerprintedAssets {

    private final AssetLoader loader;
    private final ConcurrentMap<String, FingerprintedAsset> assets = new ConcurrentHashMap<>();

    /**
     * @param loader reads asset content by logical path
     */
    public FingerprintedAssets(AssetLoader loader) {
        this.loader = Objects.requireNonNull(loader, "loader");
    }

    /**
     * The asset at {@code logicalPath} (e.g. {@code css/portico.css}), or empty when there is none or the path is not a
     * valid logical path.
     *
     * @throws UncheckedIOException when the asset exists but cannot be read
     */
    public Optional<FingerprintedAsset> find(String logicalPath) {
        if (!FingerprintedName.isLogicalPath(logicalPath)) {
            return Optional.empty();
        }
        FingerprintedAsset known = assets.get(logicalPath);
        if (known != null) {
            return Optional.of(known);
        }
        // Loaded outside the map's lock: a loader may look up other assets (a style sheet naming its fonts), which
        // ConcurrentHashMap.computeIfAbsent forbids. Two first uses may both read; the first one stored wins.
        FingerprintedAsset loaded = loadOrNull(logicalPath);
        if (loaded == null) {
            return Optional.empty();
        }
        FingerprintedAsset raced = assets.putIfAbsent(logicalPath, loaded);
        return Optional.of(raced != null ? raced : loaded);
    }

    /**
     * The asset at {@code logicalPath}.
     *
     * @throws IllegalArgumentException when there is no such asset; from a page template this is a broken page,
     *                                  so the message names the path
     * @throws UncheckedIOException     when the asset exists but cannot be read
     */
    public FingerprintedAsset get(String logicalPath) {
        return find(logicalPath).orElseThrow(() -> new IllegalArgumentException(
                "no asset at '" + logicalPath + "' (a relative path with extension, e.g. 'css/portico.css')"));
    }

    /**
     * The asset a request for a fingerprinted name (e.g. {@code css/portico.AbCdEf012345.css}) asks for: empty when the
     * name is not a fingerprinted name, when there is no such asset, or when the fingerprint is not that of the current
     * content (a stale link from an earlier deployment).
     *
     * @throws UncheckedIOException when the asset exists but cannot be read
     */
    public Optional<FingerprintedAsset> findByFingerprintedName(String fingerprintedName) {
        return FingerprintedName.parse(fingerprintedName)
                .flatMap(name -> find(name.logicalPath()).filter(asset -> asset.name().equals(name)));
    }

    /**
     * Like {@link #findByFingerprintedName}, but only among the assets read already: never reads, so it never blocks
     * (for a server's I/O thread, which must not wait).
     */
    public Optional<FingerprintedAsset> findReadByFingerprintedName(String fingerprintedName) {
        return FingerprintedName.parse(fingerprintedName)
                .flatMap(name -> Optional.ofNullable(assets.get(name.logicalPath()))
                        .filter(asset -> asset.name().equals(name)));
    }

    private FingerprintedAsset loadOrNull(String logicalPath) {
        try {
            return loader.load(logicalPath).map(content -> new FingerprintedAsset(logicalPath, content)).orElse(null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read asset '" + logicalPath + "'", e);
        }
    }
}
