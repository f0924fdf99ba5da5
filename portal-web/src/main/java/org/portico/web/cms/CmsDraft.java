package org.portico.web.cms;

import java.util.Set;
import java.util.TreeSet;

/**
 * What an editor writes of a CMS item: the fields a version keeps (title, summary, body) and, for a page, who may read
 * it. Immutable; checked by {@link CmsRules}.
 *
 * @param title    plain text; a page's heading and the browser tab's title
 * @param summary  plain text, may be empty: what lists and search results show
 * @param bodyHtml HTML as the editor wrote it; sanitised when saved and again when shown
 * @param roles    a page's readers: role names and {@code guest}; empty for a block
 */
public record CmsDraft(String title, String summary, String bodyHtml, Set<String> roles) {

    public CmsDraft {
        title = title == null ? "" : title.strip();
        summary = summary == null ? "" : summary.strip();
        bodyHtml = bodyHtml == null ? "" : bodyHtml;
        roles = roles == null ? Set.of() : Set.copyOf(new TreeSet<>(roles));
    }

    public CmsDraft withBodyHtml(String newBodyHtml) {
        return new CmsDraft(title, summary, newBodyHtml, roles);
    }
}
