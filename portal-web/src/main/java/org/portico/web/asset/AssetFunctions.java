package org.portico.web.asset;

import org.omnifaces.util.Beans;

/**
 * EL functions of the {@code portico} tag library ({@code WEB-INF/portico.taglib.xml}, namespace
 * {@code https://portico.org/taglib}):
 * <pre>{@code <link rel="stylesheet" href="#{portico:asset('css/portico.css')}"/>}</pre>
 */
public final class AssetFunctions {

    private AssetFunctions() {
    }

    /**
     * The fingerprinted URL of a file under {@code /resources/portico/}, e.g. {@code css/portico.css} →
     * {@code /portico/assets/css/portico.<fingerprint>.css}.
     *
     * @throws IllegalArgumentException when there is no such file
     */
    public static String asset(String logicalPath) {
        return Urls.INSTANCE.url(logicalPath);
    }

    /**
     * The application's {@link AssetUrls} (its client proxy), looked up once, on first use: {@code CDI.current()}
     * walks the caller's stack on every call (Weld), and pages call these functions several times per view.
     */
    private static final class Urls {
        static final AssetUrls INSTANCE = Beans.getReference(AssetUrls.class);
    }
}
