package org.portico.web.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.portico.web.it.ItSupport.unique;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;

import jakarta.inject.Inject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.portico.web.page.PageInfo;
import org.portico.web.page.PageRejectedException;
import org.portico.web.page.PageService;
import org.portico.web.page.PageVersionInfo;
import org.portico.web.page.PersonalLayout;
import org.portico.web.page.PersonalLayouts;
import org.portico.web.page.PortalPage;
import org.portico.web.settings.PorticoIssuer;

/**
 * Portal pages inside WildFly against the real database and over HTTP: who may see a page at {@code /p/{slug}} (a
 * page the viewer may not see is the friendly 404, as one that does not exist), the navigation, guests' own pages,
 * versions and optimistic locking, and personal layouts. Tagged {@code database} (runs on H2 and PostgreSQL); every
 * test makes pages of its own.
 */
@ExtendWith(ArquillianExtension.class)
@Tag("database")
class PortalPageIT {

    private static final String PASSWORD = "portico-demo";

    @Deployment
    static WebArchive deployment() {
        return Deployments.portico().addClasses(PortalPageIT.class, ItSupport.class, FormLogin.class);
    }

    @Inject
    PageService pages;

    @Inject
    PersonalLayouts layouts;

    @Inject
    PorticoIssuer issuer;

    private static PortalPage page(String slug, Set<String> roles, boolean inNavigation) {
        return new PortalPage(slug, "Page " + slug, roles, inNavigation, 50, List.of());
    }

    private HttpResponse<String> get(HttpClient client, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(issuer.resolve(path))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aPageIsShownToTheRolesItNamesAndIsA404ForEveryoneElse() throws Exception {
        String slug = unique("team");
        pages.create(page(slug, Set.of("end-user"), true), "ada");
        HttpClient alice = FormLogin.loggedIn(issuer.url(), "alice", PASSWORD);
        HttpResponse<String> shown = get(alice, "/p/" + slug);
        HttpResponse<String> guest = get(FormLogin.newClient(), "/p/" + slug);
        HttpResponse<String> unknown = get(alice, "/p/" + unique("nothing"));
        assertAll(
                () -> assertEquals(200, shown.statusCode()),
                () -> assertTrue(shown.body().contains("<h1 id=\"page-title\">Page " + slug + "</h1>"), shown.body()),
                () -> assertTrue(shown.body().contains("href=\"/p/" + slug + "\""), "alice's navigation lists the page"),
                () -> assertEquals(404, guest.statusCode()),
                () -> assertTrue(guest.body().contains("error-not-found"), "the friendly 404"),
                () -> assertFalse(guest.body().contains("Page " + slug), "nothing of the page"),
                () -> assertEquals(404, unknown.statusCode()),
                () -> assertTrue(unknown.body().contains("error-not-found")));
    }

    @Test
    void guestsHaveAPageOfTheirOwnInTheirNavigation() throws Exception {
        String slug = unique("guests");
        pages.create(page(slug, Set.of("guest"), true), "ada");
        HttpResponse<String> login = get(FormLogin.newClient(), "/login.xhtml");
        HttpResponse<String> shown = get(FormLogin.newClient(), "/p/" + slug);
        HttpResponse<String> alice = get(FormLogin.loggedIn(issuer.url(), "alice", PASSWORD), "/p/" + slug);
        assertAll(
                () -> assertTrue(login.body().contains("href=\"/p/" + slug + "\""), "listed for guests"),
                () -> assertEquals(200, shown.statusCode()),
                () -> assertEquals(404, alice.statusCode(), "a page for guests only is not alice's"));
    }

    @Test
    void everySaveIsAVersionThatCanBeRestoredAndAStaleSaveSaysWhoSavedMeanwhile() {
        String slug = unique("versions");
        PageInfo created = pages.create(page(slug, Set.of("end-user"), false), "ada");
        PortalPage renamed = new PortalPage(slug, "Renamed", Set.of("end-user"), false, 50, List.of());
        PageInfo saved = pages.update(slug, renamed, created.revision(), "eddie");
        PageRejectedException.StalePage stale = assertThrows(PageRejectedException.StalePage.class,
                () -> pages.update(slug, renamed, created.revision(), "ada"));
        List<PageVersionInfo> versions = pages.versions(slug);
        PageInfo reverted = pages.revert(slug, created.revision(), saved.revision(), "ada");
        assertAll(
                () -> assertTrue(stale.getMessage().contains("changed by eddie at "), stale.getMessage()),
                () -> assertEquals(List.of(saved.revision(), created.revision()),
                        versions.stream().map(PageVersionInfo::revision).toList()),
                () -> assertEquals("eddie", versions.get(0).savedBy()),
                () -> assertEquals("Page " + slug, reverted.page().title()),
                () -> assertEquals(3, pages.versions(slug).size(), "the revert is a version too"),
                () -> assertThrows(PageRejectedException.HomeKept.class, () -> pages.delete(PortalPage.HOME, "ada")),
                () -> assertThrows(PageRejectedException.SlugTaken.class,
                        () -> pages.create(page(slug, Set.of("end-user"), false), "ada")));
    }

    @Test
    void aPersonalLayoutIsKeptPerUserAndPageAndResetForgetsIt() {
        String slug = unique("personal");
        pages.create(page(slug, Set.of("end-user"), false), "ada");
        PortalPage page = pages.find(slug).orElseThrow().page();
        // the page has no widgets: ids it does not have are not kept
        layouts.save("alice", page, new PersonalLayout(Set.of("gone"), Set.of(), List.of("gone")));
        assertEquals(PersonalLayout.NONE, layouts.of("alice", slug));
        pages.delete(slug, "ada");
        assertEquals(PersonalLayout.NONE, layouts.of("alice", slug));
    }
}
