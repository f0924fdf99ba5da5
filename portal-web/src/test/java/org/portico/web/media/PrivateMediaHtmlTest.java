package org.portico.web.media;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

class PrivateMediaHtmlTest {

    static final String SECRET = "a".repeat(64);
    static final String OPEN = "b".repeat(64);
    static final Set<String> PRIVATE = Set.of(SECRET);
    static final Function<String, String> SIGNER = path -> "https://cdn.example.com" + path
            + "?Expires=1772356500&Signature=x~y_&Key-Pair-Id=K1";

    static final String PAGE = "<p>Chart</p><img src=\"/media/" + SECRET + ".png\" alt=\"secret\" />"
            + "<p><img src=\"/media/" + OPEN + ".jpg\" alt=\"open\" /></p>";

    @Test
    void aGuestSeesNoPrivateImage() {
        assertEquals("<p>Chart</p><p><img src=\"/media/" + OPEN + ".jpg\" alt=\"open\" /></p>",
                PrivateMediaHtml.forReader(PAGE, PRIVATE::contains, null));
    }

    @Test
    void aReaderGetsTheSignedUrlEscapedForTheAttribute() {
        assertEquals("<p>Chart</p><img src=\"https://cdn.example.com/media/" + SECRET + ".png?Expires=1772356500"
                        + "&amp;Signature=x~y_&amp;Key-Pair-Id=K1\" alt=\"secret\" />"
                        + "<p><img src=\"/media/" + OPEN + ".jpg\" alt=\"open\" /></p>",
                PrivateMediaHtml.forReader(PAGE, PRIVATE::contains, SIGNER));
    }

    /** An absolute URL of a portal host (the sanitiser keeps those) is a private image too. */
    @Test
    void anAbsoluteUrlOfAPrivateImageIsLeftOutOrSigned() {
        String html = "<img alt=\"a\" src=\"https://portal.example.com/media/" + SECRET + ".webp\" />";
        assertAll(
                () -> assertEquals("", PrivateMediaHtml.forReader(html, PRIVATE::contains, null)),
                () -> assertEquals("<img alt=\"a\" src=\"https://cdn.example.com/media/" + SECRET
                                + ".webp?Expires=1772356500&amp;Signature=x~y_&amp;Key-Pair-Id=K1\" />",
                        PrivateMediaHtml.forReader(html, PRIVATE::contains, SIGNER)));
    }

    /** What the editor sends back holds signed URLs (as Quill writes them); the store keeps the path. */
    @Test
    void signedUrlsAreStoredAsThePath() {
        String signed = PrivateMediaHtml.forReader(PAGE, PRIVATE::contains, SIGNER);
        String fromQuill = "<p>Chart</p><p><img src=\"http://localhost:8080/media/" + SECRET
                + ".png?Expires=1&amp;Signature=A&amp;Key-Pair-Id=K\"></p>";
        assertAll(
                () -> assertEquals(PAGE, PrivateMediaHtml.asStored(signed)),
                () -> assertEquals("<p>Chart</p><p><img src=\"/media/" + SECRET + ".png\"></p>",
                        PrivateMediaHtml.asStored(fromQuill)));
    }

    @Test
    void otherHtmlIsLeftAlone() {
        String html = "<p>No /media/ image here</p><img src=\"/assets/logo.png\" /><img src=\"/media/short.png\" />";
        assertAll(
                () -> assertEquals(html, PrivateMediaHtml.forReader(html, name -> true, null)),
                () -> assertEquals(html, PrivateMediaHtml.asStored(html)),
                () -> assertEquals(null, PrivateMediaHtml.forReader(null, name -> true, null)),
                () -> assertEquals("", PrivateMediaHtml.asStored("")));
    }

    @Test
    void namesTheImagesOfAText() {
        String html = PAGE + PrivateMediaHtml.forReader(PAGE, PRIVATE::contains, SIGNER);
        assertAll(
                () -> assertEquals(List.of(SECRET, OPEN), PrivateMediaHtml.names(html, 50)),
                () -> assertEquals(List.of(SECRET), PrivateMediaHtml.names(html, 1)),
                () -> assertEquals(List.of(), PrivateMediaHtml.names(null, 50)));
    }
}
