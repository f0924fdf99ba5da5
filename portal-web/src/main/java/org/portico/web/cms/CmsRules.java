package org.portico.web.cms;

import java.util.ArrayList;
import java.util.IllformedLocaleException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.portico.cms.spi.ContentKind;
import org.portico.web.page.PageRules;
import org.portico.web.page.PortalPage;
import org.portico.web.problem.FieldMessage;

/**
 * The rules of a CMS item, each broken one a {@link FieldMessage} ({@code cms.rule.*}) for the field it concerns. One
 * namespace with portal pages: a page's key is a slug ({@link PortalPage#SLUG_PATTERN}), shown at {@code /p/{slug}}.
 */
public final class CmsRules {

    public static final int MAX_TITLE = 200;
    public static final int MAX_SUMMARY = 500;
    /** Characters of a body: a long article is some tens of thousands. */
    public static final int MAX_BODY = 200_000;
    private static final Pattern SLUG = Pattern.compile(PortalPage.SLUG_PATTERN);
    private static final Pattern BLOCK_KEY = Pattern.compile("[a-z0-9][a-z0-9._-]{0,99}");
    private static final Pattern ONE_LINE = Pattern.compile("[^\\r\\n]*");

    private CmsRules() {
    }

    /** The problems of the key and language of a new item: where it would live. */
    public static List<FieldMessage> checkPlace(ContentKind kind, String key, String languageTag) {
        List<FieldMessage> problems = new ArrayList<>();
        if (kind == null) {
            problems.add(FieldMessage.of("kind", "cms.rule.kind"));
        } else if (key == null || !(kind == ContentKind.PAGE ? SLUG : BLOCK_KEY).matcher(key).matches()) {
            problems.add(FieldMessage.of("key", kind == ContentKind.PAGE ? "cms.rule.slug" : "cms.rule.blockKey"));
        }
        if (locale(languageTag) == null) {
            problems.add(FieldMessage.of("locale", "cms.rule.locale"));
        }
        return problems;
    }

    /** The problems of what an editor wrote. */
    public static List<FieldMessage> check(ContentKind kind, CmsDraft draft) {
        List<FieldMessage> problems = new ArrayList<>();
        if (kind == ContentKind.PAGE && draft.title().isEmpty()) {
            problems.add(FieldMessage.of("title", "cms.rule.title.empty"));
        } else if (draft.title().length() > MAX_TITLE || !ONE_LINE.matcher(draft.title()).matches()) {
            problems.add(FieldMessage.of("title", "cms.rule.title.invalid", MAX_TITLE));
        }
        if (draft.summary().length() > MAX_SUMMARY) {
            problems.add(FieldMessage.of("summary", "cms.rule.summary", MAX_SUMMARY));
        }
        if (draft.bodyHtml().length() > MAX_BODY) {
            problems.add(FieldMessage.of("body", "cms.rule.body", MAX_BODY));
        }
        if (kind == ContentKind.PAGE) {
            if (draft.roles().isEmpty()) {
                problems.add(FieldMessage.of("roles", "cms.rule.roles.empty"));
            }
            draft.roles().stream().filter(role -> !PageRules.knownRoles().contains(role)).findFirst()
                    .ifPresent(role -> problems.add(FieldMessage.of("roles", "page.rule.roles.unknown", role)));
        } else if (!draft.roles().isEmpty()) {
            problems.add(FieldMessage.of("roles", "cms.rule.roles.block"));
        }
        return problems;
    }

    /** The kind a request names: {@code page} or {@code block}; null for anything else. */
    public static ContentKind kind(String name) {
        return "page".equals(name) ? ContentKind.PAGE : "block".equals(name) ? ContentKind.BLOCK : null;
    }

    /**
     * The locale of a well-formed BCP 47 language tag of at most 35 characters ({@code und}: the same in every
     * language); null for anything else.
     */
    public static Locale locale(String languageTag) {
        if (languageTag == null || languageTag.isEmpty() || languageTag.length() > 35) {
            return null;
        }
        try {
            return new Locale.Builder().setLanguageTag(languageTag).build();
        } catch (IllformedLocaleException e) {
            return null;
        }
    }
}
