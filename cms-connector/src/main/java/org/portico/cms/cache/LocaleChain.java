package org.portico.cms.cache;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The locales to try for a request, most specific first: the requested locale and its parents, then the fallback
 * locale and its parents, then locale-less content. {@code de-CH} with fallback {@code en} gives
 * {@code de-CH, de, en, ROOT}. Stateless.
 */
final class LocaleChain {

    private LocaleChain() {
    }

    static List<Locale> of(Locale requested, Locale fallback) {
        Set<Locale> chain = new LinkedHashSet<>();
        addWithParents(chain, requested);
        addWithParents(chain, fallback);
        chain.add(Locale.ROOT);
        return List.copyOf(new ArrayList<>(chain));
    }

    private static void addWithParents(Set<Locale> chain, Locale locale) {
        // BCP 47 truncation (RFC 4647 section 3.4): drop subtags from the end, extensions first.
        String tag = locale.stripExtensions().toLanguageTag();
        while (!tag.isEmpty() && !tag.equals("und")) {
            chain.add(Locale.forLanguageTag(tag));
            int dash = tag.lastIndexOf('-');
            tag = dash < 0 ? "" : tag.substring(0, dash);
            if (tag.length() >= 2 && tag.charAt(tag.length() - 2) == '-') {
                tag = tag.substring(0, tag.length() - 2); // a dangling singleton such as "-x"
            }
        }
    }
}
