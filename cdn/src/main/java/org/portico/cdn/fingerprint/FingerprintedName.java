package org.portico.cdn.fingerprint;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The name of an asset with its content fingerprint spliced in before the extension:
 * {@code css/portico.css} becomes {@code css/portico.<fingerprint>.css}. A new deployment that changes the file changes
 * its name, so the file can be cached for a year and never goes stale.
 *
 * <p>Logical paths are relative ({@code css/portico.css}, no leading slash), made of segments of letters, digits,
 * {@code _ - .} that do not start with a dot (so no {@code .}, {@code ..} or hidden files), and end in a file name with
 * an extension. {@link #parse(String)} and {@link #toString()} round-trip.
 *
 * <p>Immutable and thread-safe.
 *
 * @param directory   {@code ""} or the directory part with a trailing slash, e.g. {@code css/}
 * @param baseName    the file name without fingerprint and extension, e.g. {@code portico} or {@code app.min}
 * @param fingerprint {@link ContentHash#FINGERPRINT_LENGTH} base64url characters
 * @param extension   the extension without dot, e.g. {@code css}
 */
public record FingerprintedName(String directory, String baseName, String fingerprint, String extension) {

    /** Longest name accepted, to keep hostile request paths away from the matcher. */
    public static final int MAX_LENGTH = 512;

    private static final String SEGMENT = "[A-Za-z0-9_-][A-Za-z0-9_.-]*";
    private static final Pattern LOGICAL_PATH =
            Pattern.compile("((?:" + SEGMENT + "/)*)(" + SEGMENT + ")\\.([A-Za-z0-9]+)");
    private static final Pattern FINGERPRINTED_PATH = Pattern.compile("((?:" + SEGMENT + "/)*)(" + SEGMENT
            + ")\\.([A-Za-z0-9_-]{" + ContentHash.FINGERPRINT_LENGTH + "})\\.([A-Za-z0-9]+)");
    private static final Pattern FINGERPRINT = Pattern.compile("[A-Za-z0-9_-]{" + ContentHash.FINGERPRINT_LENGTH + "}");

    /**
     * @throws IllegalArgumentException when the parts do not form a valid fingerprinted name
     */
    public FingerprintedName {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(baseName, "baseName");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(extension, "extension");
        if (!FINGERPRINT.matcher(fingerprint).matches()) {
            throw new IllegalArgumentException("fingerprint must be " + ContentHash.FINGERPRINT_LENGTH
                    + " base64url characters, got '" + fingerprint + "'");
        }
        requireLogicalPath(directory + baseName + "." + extension);
    }

    /**
     * The fingerprinted name of the asset at {@code logicalPath} with content hash {@code hash}.
     *
     * @throws IllegalArgumentException when {@code logicalPath} is not a valid logical path, e.g. {@code css/portico.css}
     */
    public static FingerprintedName of(String logicalPath, ContentHash hash) {
        Matcher m = requireLogicalPath(logicalPath);
        return new FingerprintedName(m.group(1), m.group(2), hash.fingerprint(), m.group(3));
    }

    /**
     * Reads a fingerprinted name such as {@code css/portico.AbCdEf012345.css}; empty when {@code text} is null or not
     * one (no fingerprint, a dot segment, a leading slash, characters outside the allowed set).
     */
    public static Optional<FingerprintedName> parse(String text) {
        if (text == null || text.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        Matcher m = FINGERPRINTED_PATH.matcher(text);
        return m.matches()
                ? Optional.of(new FingerprintedName(m.group(1), m.group(2), m.group(3), m.group(4)))
                : Optional.empty();
    }

    /** Whether {@code text} is a valid logical path such as {@code css/portico.css}. */
    public static boolean isLogicalPath(String text) {
        return text != null && text.length() <= MAX_LENGTH && LOGICAL_PATH.matcher(text).matches();
    }

    /** The path without fingerprint, e.g. {@code css/portico.css}. */
    public String logicalPath() {
        return directory + baseName + "." + extension;
    }

    /** Whether the fingerprint is that of {@code hash}. */
    public boolean matches(ContentHash hash) {
        return fingerprint.equals(hash.fingerprint());
    }

    /** The fingerprinted path, e.g. {@code css/portico.AbCdEf012345.css}. */
    @Override
    public String toString() {
        return directory + baseName + "." + fingerprint + "." + extension;
    }

    private static Matcher requireLogicalPath(String logicalPath) {
        Matcher m = LOGICAL_PATH.matcher(Objects.requireNonNull(logicalPath, "logicalPath"));
        if (!m.matches()) {
            throw new IllegalArgumentException("asset path must be relative, with an extension and without dot segments,"
                    + " e.g. 'css/portico.css', got '" + logicalPath + "'");
        }
        return m;
    }
}
