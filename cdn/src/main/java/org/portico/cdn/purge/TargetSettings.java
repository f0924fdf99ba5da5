package org.portico.cdn.purge;

import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A {@link PurgeTarget} checked against its kind's {@link PurgeTargetDescriptor}: no unknown option, every required
 * one present, an endpoint an adapter can use, a credential exactly when the kind needs one. Every message starts with
 * the vendor's name, says what a valid value looks like, and never quotes the credential.
 *
 * <p>Immutable.
 */
final class TargetSettings {

    /** The option every kind has: how long one request to the CDN may take. */
    static final String TIMEOUT = "timeout";
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration MAX_TIMEOUT = Duration.ofMinutes(2);

    /** Visible ASCII only: a credential travels in a header, so no spaces, line breaks or other controls. */
    private static final Pattern HEADER_SAFE = Pattern.compile("[\\x21-\\x7e]+");

    private final PurgeTargetDescriptor descriptor;
    private final PurgeTarget target;
    private final URI endpoint;
    private final Duration timeout;

    private TargetSettings(PurgeTargetDescriptor descriptor, PurgeTarget target) {
        this.descriptor = descriptor;
        this.target = target;
        for (String name : target.options().keySet()) {
            if (descriptor.option(name).isEmpty()) {
                throw invalid("has no option '" + name + "'; its options are " + optionNames());
            }
        }
        for (PurgeTargetDescriptor.Option option : descriptor.options()) {
            String value = target.options().get(option.name());
            if (option.required() && (value == null || value.isBlank())) {
                throw invalid("needs the option " + option.name() + " (" + option.description() + ")");
            }
        }
        this.endpoint = checkEndpoint(target.endpoint());
        this.timeout = parseTimeout(value(TIMEOUT).orElse(DEFAULT_TIMEOUT.toString()));
        checkCredentialPresence();
    }

    /**
     * @throws IllegalArgumentException when the target does not fit the descriptor (see the class comment)
     */
    static TargetSettings of(PurgeTargetDescriptor descriptor, PurgeTarget target) {
        if (descriptor.kind() != target.kind()) {
            throw new IllegalArgumentException("a " + target.kind() + " target checked as " + descriptor.kind());
        }
        return new TargetSettings(descriptor, target);
    }

    /** The endpoint without a trailing slash, so that API paths can be appended. */
    URI endpoint() {
        return endpoint;
    }

    Duration timeout() {
        return timeout;
    }

    /** The option's value, or its default. */
    Optional<String> value(String name) {
        PurgeTargetDescriptor.Option option = descriptor.option(name)
                .orElseThrow(() -> new IllegalStateException(descriptor.name() + " has no option " + name));
        String value = target.options().get(name);
        return value == null || value.isBlank() ? option.defaultValue() : Optional.of(value.strip());
    }

    /**
     * A required identifier that goes into API paths, checked against {@code pattern}.
     *
     * @param example a valid value, for the message
     */
    String identifier(String name, Pattern pattern, String example) {
        String value = value(name).orElseThrow();
        if (!pattern.matcher(value).matches()) {
            throw invalid(name + " must look like " + example + ", got '" + value + "'");
        }
        return value;
    }

    /** An option that is {@code true} or {@code false}. */
    boolean flag(String name) {
        String value = value(name).orElse("false").toLowerCase(Locale.ROOT);
        if (!value.equals("true") && !value.equals("false")) {
            throw invalid(name + " must be true or false, got '" + value + "'");
        }
        return Boolean.parseBoolean(value);
    }

    /** The credential, which the descriptor requires: checked to be one header-safe token. */
    String credential() {
        String credential = target.credential().orElseThrow().strip();
        if (!HEADER_SAFE.matcher(credential).matches()) {
            throw invalid("the credential (" + descriptor.credential().description()
                    + ") is one word of visible characters, without spaces or line breaks");
        }
        return credential;
    }

    /** A problem with this target, in the vendor's name. */
    IllegalArgumentException invalid(String problem) {
        return new IllegalArgumentException(descriptor.name() + " purge target: " + problem);
    }

    private void checkCredentialPresence() {
        boolean present = target.credential().filter(credential -> !credential.isBlank()).isPresent();
        if (descriptor.credential().required() && !present) {
            throw invalid("needs a credential: " + descriptor.credential().description());
        }
        if (!descriptor.credential().required() && present) {
            throw invalid("takes no credential (" + descriptor.credential().description() + ")");
        }
    }

    private URI checkEndpoint(URI uri) {
        String example = descriptor.defaultEndpoint().map(URI::toString).orElse("http://varnish:6081");
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null
                || uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw invalid("the endpoint must be an http or https address without query, such as " + example
                    + ", got '" + uri + "'");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return URI.create(scheme + "://" + uri.getRawAuthority() + path);
    }

    private Duration parseTimeout(String value) {
        Duration parsed;
        try {
            parsed = Duration.parse(value);
        } catch (DateTimeParseException e) {
            parsed = null;
        }
        if (parsed == null || parsed.isNegative() || parsed.isZero() || parsed.compareTo(MAX_TIMEOUT) > 0) {
            throw invalid(TIMEOUT + " must be an ISO-8601 duration above PT0S and at most " + MAX_TIMEOUT
                    + ", such as PT10S, got '" + value + "'");
        }
        return parsed;
    }

    private String optionNames() {
        return String.join(", ", new TreeSet<>(descriptor.options().stream()
                .map(PurgeTargetDescriptor.Option::name).toList()));
    }
}
