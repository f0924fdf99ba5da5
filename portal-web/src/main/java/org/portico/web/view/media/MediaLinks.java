package org.portico.web.view.media;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;

import org.portico.web.media.MediaPrivacy;
import org.portico.web.media.PrivateMediaHtml;
import org.portico.web.signedurl.SignedUrls;

/**
 * CMS HTML as this request's viewer may see it, for Facelets: {@code #{mediaLinks.html(body)}} leaves private images
 * out for a guest and signs their URLs for a logged-in reader ({@link PrivateMediaHtml}); {@link #asStored} turns an
 * editor's HTML back into what the store keeps.
 */
@Named("mediaLinks")
@RequestScoped
public class MediaLinks {

    @Inject
    MediaPrivacy privacy;

    @Inject
    SignedUrls signedUrls;

    @Inject
    HttpServletRequest request;

    public String html(String html) {
        boolean guest = request.getUserPrincipal() == null;
        return PrivateMediaHtml.forReader(html, privacy::isPrivate,
                guest ? null : path -> signedUrls.sign(path, request).url());
    }

    public String asStored(String html) {
        return PrivateMediaHtml.asStored(html);
    }
}
