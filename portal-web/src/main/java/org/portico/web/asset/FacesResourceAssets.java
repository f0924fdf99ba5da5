package org.portico.web.asset;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;

import org.portico.cdn.fingerprint.FingerprintedAsset;
import org.portico.cdn.fingerprint.FingerprintedAssets;

/**
 * The Faces resources (PrimeFaces' scripts, styles, theme and fonts, Faces' and OmniFaces' scripts) as fingerprinted
 * assets, by {@code <library>/<name>}: {@code primefaces/jquery/jquery.js} is served as
 * {@code /assets/faces/primefaces/jquery/jquery.<fingerprint>.js} ({@link FingerprintingResourceHandler} renders those
 * URLs, {@link AssetServlet} serves them).
 *
 * <p>Resources are read where Faces finds them — the webapp's {@code /resources/}, else {@code META-INF/resources/}
 * on the class path — without Faces, so any node can serve a URL another node rendered. Style sheets name their fonts
 * and images with {@code #{resource['library:name']}}, which Faces evaluates each time it serves them; here each is
 * replaced once by that resource's fingerprinted path, so a changed font gives its style sheet a new fingerprint too.
 * Only the file types a page loads are served: never Facelets, classes or properties.
 */
@ApplicationScoped
public class FacesResourceAssets {

    /** Where these assets are served, under {@link AssetServlet#PATH}. */
    public static final String PREFIX = "faces/";

    private static final Set<String> SERVED_EXTENSIONS = Set.of("css", "js", "mjs", "png", "gif", "jpg", "jpeg",
            "svg", "webp", "ico", "woff", "woff2", "ttf", "eot", "otf");
    private static final Pattern RESOURCE_EXPRESSION = Pattern.compile("#\\{resource\\['([^'\\]]+)'\\]\\}");

    @Inject
    WebApplication application;

    private FingerprintedAssets assets;

    @PostConstruct
    void init() {
        assets = new FingerprintedAssets(logicalPath -> load(logicalPath, application.servletContext()));
    }

    /** The resource {@code name} of {@code library}, or empty when there is none that Portico serves this way. */
    public Optional<FingerprintedAsset> find(String library, String name) {
        return library == null || library.isEmpty() || library.contains("/") ? Optional.empty()
                : assets.find(library + "/" + name);
    }

    /**
     * The resource a request for a fingerprinted {@code <library>/<name>} asks for, empty when there is none or the
     * fingerprint is not that of its content.
     */
    public Optional<FingerprintedAsset> findByFingerprintedName(String fingerprintedName) {
        return assets.findByFingerprintedName(fingerprintedName);
    }

    /** Like {@link #findByFingerprintedName}, among the resources read already: never reads, never blocks. */
    public Optional<FingerprintedAsset> findReadByFingerprintedName(String fingerprintedName) {
        return assets.findReadByFingerprintedName(fingerprintedName);
    }

    private Optional<byte[]> load(String logicalPath, ServletContext servletContext) throws IOException {
        String extension = logicalPath.substring(logicalPath.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        if (!SERVED_EXTENSIONS.contains(extension)) {
            return Optional.empty();
        }
        byte[] bytes;
        try (InputStream in = open(logicalPath, servletContext)) {
            if (in == null) {
                return Optional.empty();
            }
            bytes = in.readAllBytes();
        }
        return Optional.of(extension.equals("css") ? resolveExpressions(bytes, servletContext.getContextPath())
                : bytes);
    }

    private static InputStream open(String logicalPath, ServletContext servletContext) {
        InputStream webapp = servletContext.getResourceAsStream("/resources/" + logicalPath);
        return webapp != null ? webapp
                : servletContext.getClassLoader().getResourceAsStream("META-INF/resources/" + logicalPath);
    }

    /** Replaces each {@code #{resource['library:name']}} by the fingerprinted path of that resource. */
    private byte[] resolveExpressions(byte[] css, String contextPath) {
        String text = new String(css, StandardCharsets.UTF_8);
        if (!text.contains("#{resource[")) {
            return css;
        }
        Matcher expression = RESOURCE_EXPRESSION.matcher(text);
        StringBuilder resolved = new StringBuilder(text.length());
        while (expression.find()) {
            String reference = expression.group(1);
            int colon = reference.indexOf(':');
            String library = colon < 0 ? null : reference.substring(0, colon);
            String name = reference.substring(colon + 1);
            String url = find(library, name)
                    .map(asset -> contextPath + AssetServlet.PATH + "/" + PREFIX + asset.name())
                    // Not one Portico serves: Faces' own URL, which Faces serves as before.
                    .orElse(contextPath + "/jakarta.faces.resource/" + name + ".xhtml"
                            + (library == null ? "" : "?ln=" + library));
            expression.appendReplacement(resolved, Matcher.quoteReplacement(url));
        }
        expression.appendTail(resolved);
        return resolved.toString().getBytes(StandardCharsets.UTF_8);
    }
}
