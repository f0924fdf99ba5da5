package org.portico.web.view.cms;

import java.io.IOException;
import java.time.Instant;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletResponse;

import org.omnifaces.util.Faces;
import org.portico.cms.sanitize.HtmlSanitizer;
import org.portico.web.cms.CmsRejectedException;
import org.portico.web.cms.CmsService;
import org.portico.web.cms.CmsVersionInfo;
import org.portico.web.cms.PreviewLinks;

/**
 * A version of a CMS item shown to a reviewer through a signed preview link, {@code /review/<token>} (rewritten to
 * {@code /review.xhtml?token=…}; any signed-in user): the version the link names, in the real layout, while the link
 * is valid. A link that is malformed, tampered with or expired, or whose version is gone, is the friendly 404. The
 * answer sends no Referer onwards and is not stored.
 */
@Named
@RequestScoped
public class CmsReviewBacking {

    @Inject
    PreviewLinks links;

    @Inject
    CmsService cms;

    @Inject
    HtmlSanitizer sanitizer;

    private String token;
    private PreviewLinks.Target target;
    private CmsVersionInfo version;

    /** {@code f:viewAction}: the version the link names, else the friendly 404. */
    public void load() throws IOException {
        HttpServletResponse response = (HttpServletResponse) Faces.getExternalContext().getResponse();
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Cache-Control", "no-store");
        target = links.verify(token).orElse(null);
        if (target != null) {
            try {
                version = cms.version(target.kind(), target.key(), target.locale(), target.revision());
            } catch (CmsRejectedException e) {
                version = null; // the item or the version is gone
            }
        }
        if (version == null) {
            Faces.responseSendError(HttpServletResponse.SC_NOT_FOUND, "No such preview");
            Faces.responseComplete();
        }
    }

    public String getBody() {
        return version == null ? "" : sanitizer.sanitize(version.bodyHtml());
    }

    public String getKey() {
        return target == null ? "" : target.key();
    }

    public Instant getExpires() {
        return target == null ? null : target.expires();
    }

    public CmsVersionInfo getVersion() { return version; }
    public String getToken() { return token; }
    public void setToken(String token) { this.token = token; }
}
