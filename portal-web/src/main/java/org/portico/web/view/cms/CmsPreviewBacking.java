package org.portico.web.view.cms;

import java.io.IOException;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletResponse;

import org.omnifaces.util.Faces;
import org.portico.cms.sanitize.HtmlSanitizer;
import org.portico.cms.spi.ContentKind;
import org.portico.web.cms.CmsItemInfo;
import org.portico.web.cms.CmsRules;
import org.portico.web.cms.CmsService;

/**
 * An item's draft in the real layout, for its editors: {@code /cms/preview.xhtml?kind=page&key=about&lang=en}, the
 * page as readers will see it once it is published (the body sanitised as it will be shown).
 */
@Named
@RequestScoped
public class CmsPreviewBacking {

    @Inject
    CmsService cms;

    @Inject
    HtmlSanitizer sanitizer;

    private String kind;
    private String key;
    private String lang;
    private CmsItemInfo item;

    /** {@code f:viewAction}: the draft the parameters name, else the friendly 404. */
    public void load() throws IOException {
        ContentKind contentKind = CmsRules.kind(kind);
        item = contentKind == null || key == null || CmsRules.locale(lang) == null ? null
                : cms.find(contentKind, key, CmsRules.locale(lang)).orElse(null);
        if (item == null) {
            Faces.responseSendError(HttpServletResponse.SC_NOT_FOUND, "No such content");
            Faces.responseComplete();
        }
    }

    public String getBody() {
        return item == null ? "" : sanitizer.sanitize(item.draft().bodyHtml());
    }

    public CmsItemInfo getItem() { return item; }
    public String getKind() { return kind; }
    public void setKind(String kind) { this.kind = kind; }
    public String getKey() { return key; }
    public void setKey(String key) { this.key = key; }
    public String getLang() { return lang; }
    public void setLang(String lang) { this.lang = lang; }
}
