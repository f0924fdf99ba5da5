package org.portico.web.media;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Private images in CMS HTML. Pages keep an image's public path ({@code <img src="/media/<sha256>.<ext>">}, relative
 * or under a portal host) in their stored HTML; when a page is shown, a private image's {@code <img>} is left out for a
 * guest and gets a signed URL for a logged-in reader ({@link #forReader}). What the editor sends back holds those
 * signed URLs; {@link #asStored} turns them back into the public path before the HTML is saved, so no signature is ever
 * stored. Works on sanitised HTML (attributes in double quotes, {@code &} as {@code &amp;}); never throws on other
 * HTML. Stateless.
 */
public final class PrivateMediaHtml {

    private static final Pattern IMG = Pattern.compile("<img\\b[^>]*>", Pattern.CASE_INSENSITIVE);
    private static final String PATH = "(/media/([0-9a-f]{64})\\.(?:png|jpg|gif|webp))";
    private static final Pattern SRC = Pattern.compile("\\bsrc=\"(?:https?://[^/\"?#]+)?" + PATH + "\"");
    private static final Pattern ANY_SRC = Pattern.compile("\\bsrc=\"(?:https?://[^/\"?#]+)?" + PATH + "[?\"]");
    private static final Pattern SIGNED_SRC = Pattern.compile("\\bsrc=\"(?:https?://[^/\"?#]+)?" + PATH
            + "\\?[^\"]*\"");

    private PrivateMediaHtml() {
    }

    /**
     * The HTML as a reader sees it.
     *
     * @param isPrivate whether the image with a name (SHA-256) is private
     * @param signer    the signed absolute URL of a path such as {@code /media/<sha256>.png}; null for a guest, who
     *                  sees no private image at all
     */
    public static String forReader(String html, Predicate<String> isPrivate, Function<String, String> signer) {
        if (html == null || html.indexOf("/media/") < 0) {
            return html;
        }
        Matcher img = IMG.matcher(html);
        StringBuilder out = new StringBuilder(html.length() + 256);
        while (img.find()) {
            String tag = img.group();
            Matcher src = SRC.matcher(tag);
            String replacement = tag;
            if (src.find() && isPrivate.test(src.group(2))) {
                replacement = signer == null ? "" : tag.substring(0, src.start()) + "src=\""
                        + signer.apply(src.group(1)).replace("&", "&amp;") + "\"" + tag.substring(src.end());
            }
            img.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        img.appendTail(out);
        return out.toString();
    }

    /** The names (SHA-256) of the store's images the HTML shows, in order, each once; at most {@code max}. */
    public static List<String> names(String html, int max) {
        Set<String> names = new LinkedHashSet<>();
        if (html != null) {
            Matcher img = IMG.matcher(html);
            while (img.find() && names.size() < max) {
                Matcher src = ANY_SRC.matcher(img.group());
                if (src.find()) {
                    names.add(src.group(2));
                }
            }
        }
        return List.copyOf(names);
    }

    /** The HTML with every signed URL of an image of the store turned back into the image's path. */
    public static String asStored(String html) {
        if (html == null || html.indexOf("/media/") < 0) {
            return html;
        }
        Matcher img = IMG.matcher(html);
        StringBuilder out = new StringBuilder(html.length());
        while (img.find()) {
            String tag = img.group();
            Matcher src = SIGNED_SRC.matcher(tag);
            String replacement = src.find()
                    ? tag.substring(0, src.start()) + "src=\"" + src.group(1) + "\"" + tag.substring(src.end())
                    : tag;
            img.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        img.appendTail(out);
        return out.toString();
    }
}
