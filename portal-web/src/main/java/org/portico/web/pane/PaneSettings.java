package org.portico.web.pane;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import org.portico.web.app.AppRules;
import org.portico.web.problem.FieldMessage;

/**
 * The settings of an embedded app pane as the page JSON holds them,
 * {@code {"app":"demo-app","url":"http://127.0.0.1:8080/demo-app/pane","height":420}}: the app, the URL of its page
 * the pane frames and the frame's height in pixels. Read by {@link #read}, which reports what is missing or of the
 * wrong type; whether the app and URL fit the registry is {@link PaneType}'s check. Immutable.
 *
 * @param app    the app's id
 * @param url    the framed page, under one of the app's base URLs
 * @param height {@value #MIN_HEIGHT} to {@value #MAX_HEIGHT} pixels
 */
public record PaneSettings(String app, String url, int height) {

    public static final String APP = "app";
    public static final String URL = "url";
    public static final String HEIGHT = "height";
    public static final int MIN_HEIGHT = 120;
    public static final int MAX_HEIGHT = 2000;
    /** The height of a pane whose settings name none. */
    public static final int DEFAULT_HEIGHT = 420;

    /**
     * The settings, or empty when a key is missing or out of range; each problem goes to {@code errors} with the key
     * as its field.
     */
    static Optional<PaneSettings> read(JsonObject settings, List<FieldMessage> errors) {
        int before = errors.size();
        String app = string(settings, APP);
        if (app == null || app.isBlank()) {
            errors.add(FieldMessage.of(APP, "pane.problem.app.missing"));
        }
        String url = string(settings, URL);
        if (url == null || url.isBlank()) {
            errors.add(FieldMessage.of(URL, "pane.problem.url.missing"));
        }
        int height = DEFAULT_HEIGHT;
        JsonValue given = settings == null ? null : settings.get(HEIGHT);
        if (given != null && given.getValueType() != JsonValue.ValueType.NULL) {
            if (given instanceof JsonNumber number && number.isIntegral()
                    && number.bigIntegerValue().compareTo(java.math.BigInteger.valueOf(MIN_HEIGHT)) >= 0
                    && number.bigIntegerValue().compareTo(java.math.BigInteger.valueOf(MAX_HEIGHT)) <= 0) {
                height = number.intValue();
            } else {
                errors.add(FieldMessage.of(HEIGHT, "pane.problem.height.range", String.valueOf(MIN_HEIGHT),
                        String.valueOf(MAX_HEIGHT), AppRules.printable(given.toString())));
            }
        }
        return errors.size() == before ? Optional.of(new PaneSettings(app.strip(), url.strip(), height)) : Optional.empty();
    }

    /** The settings of a widget already saved, or empty when they are not (any longer) readable. */
    static Optional<PaneSettings> read(JsonObject settings) {
        return read(settings, new java.util.ArrayList<>());
    }

    /** A string value; null when missing, a wrong type is reported as missing (the message names what belongs). */
    static String string(JsonObject settings, String key) {
        JsonValue value = settings == null ? null : settings.get(key);
        return value instanceof JsonString text ? text.getString() : null;
    }

    /**
     * The RFC 6454 origin of the pane's URL, {@code scheme://host[:port]} in lower case without the scheme's default
     * port, as browsers report it in {@code MessageEvent.origin}; empty when the URL is not an absolute http(s) URL.
     */
    public Optional<String> origin() {
        return originOf(url);
    }

    static Optional<String> originOf(String url) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            String host = uri.getHost();
            if (!(scheme.equals("http") || scheme.equals("https")) || host == null || uri.getRawUserInfo() != null) {
                return Optional.empty();
            }
            int port = uri.getPort();
            boolean defaultPort = port == -1 || scheme.equals("https") && port == 443 || scheme.equals("http") && port == 80;
            return Optional.of(scheme + "://" + host.toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
