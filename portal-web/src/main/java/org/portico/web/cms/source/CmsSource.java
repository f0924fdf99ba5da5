package org.portico.web.cms.source;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * An external CMS source as admins see it: never its secrets, only whether it has a credential. Immutable.
 *
 * @param id            what pages and webhooks name it by: {@code [a-z0-9][a-z0-9-]{0,31}}, never {@code built-in}
 * @param options       what the type needs besides (Strapi: {@code pageCollection}, {@code pageModel}, fields…;
 *                      WordPress: {@code user}, {@code siteLanguage})
 * @param hasCredential whether an application password or API token is stored (sealed)
 * @param freshFor      how long Portico serves what it fetched before asking again (a webhook asks at once)
 */
public record CmsSource(String id, CmsSourceType type, String name, String baseUrl, Map<String, String> options,
                        boolean hasCredential, Duration timeout, Duration freshFor, boolean enabled,
                        Instant updatedAt, String updatedBy, long lockVersion) {

    public CmsSource {
        options = Map.copyOf(new TreeMap<>(options));
    }

    public String option(String name) {
        return options.get(name);
    }
}
