package org.portico.web.view.media;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;

import org.portico.web.edge.PorticoTags;
import org.portico.web.edge.ResponseTags;
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

    /**
     * The most images of one piece of HTML a page is tagged with: more than the tags' header takes (58 of 70 bytes in
     * 4 KiB), so a page showing too many is not shared at all rather than shared with some of its images untagged.
     */
    static final int MAX_TAGGED = 100;

    @Inject
    MediaPrivacy privacy;

    @Inject
    SignedUrls signedUrls;

    @Inject
    HttpServletRequest request;

    @Inject
    ResponseTags responseTags;

    /**
     * The HTML for this request's viewer. A guest's page (which a CDN may keep) is tagged with every image of the store
     * the HTML names, shown or left out, so that deleting an image or changing its mark purges the page.
     */
    public String html(String html) {
        boolean guest = request.getUserPrincipal() == null;
        if (guest) {
            PrivateMediaHtml.names(html, MAX_TAGGED).forEach(name -> responseTags.add(PorticoTags.media(name)));
        }
        return PrivateMediaHtml.forReader(html, privacy::isPrivate,
                guest ? null : path -> signedUrls.sign(path, request).url());
    }

    public String asStored(String html) {
        return PrivateMediaHtml.asStored(html);
    }
}
