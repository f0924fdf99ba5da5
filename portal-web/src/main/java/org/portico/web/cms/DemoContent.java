package org.portico.web.cms;

import java.util.Locale;
import java.util.Set;
import java.util.logging.Logger;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.portico.cms.spi.ContentKind;
import org.portico.web.database.DatabaseMigrations;

/**
 * The built-in CMS's demo content when {@code portico.demo.enabled} is true, written through {@link CmsService} like an
 * editor's: the page {@code about} in English and German, published for everyone (at {@code /p/about}, with a deep-link
 * reference to the demo app's invoice 42), a draft page {@code editor-guide} that only editors see in their list, the
 * guests' welcome block, and a second version of the home page's welcome block that points at the about page (only
 * while the welcome block is still as a fresh installation has it). Content that exists is left as it is.
 */
@ApplicationScoped
public class DemoContent {

    /** Who the demo content's versions name as their author. */
    static final String AUTHOR = "portico";
    private static final Set<String> EVERYONE = Set.of("guest", "end-user", "content-editor", "site-admin");
    private static final Set<String> EDITORS = Set.of("content-editor", "site-admin");
    private static final Logger LOG = Logger.getLogger(DemoContent.class.getName());

    @Inject
    @ConfigProperty(name = "portico.demo.enabled", defaultValue = "false")
    boolean enabled;

    @Inject
    CmsService cms;

    void onStart(@Observes @Priority(DatabaseMigrations.PRIORITY + 45) @Initialized(ApplicationScoped.class) Object event) {
        if (!enabled) {
            return;
        }
        published(ContentKind.PAGE, "about", "en", new CmsDraft("About Portico",
                "What the portal does for you, and where to start.", """
                <h2>One door to every app</h2>
                <p>Portico is the front door of our business apps: you sign in once, and every app you open from here \
                already knows who you are.</p>
                <h2>Links that take you to the right screen</h2>
                <p>A link from an e-mail or another app opens the very screen it names, even when you have to sign in \
                first. Try one: <a href="portico:link/invoice/42">invoice 42 in the demo app</a>.</p>
                <ul>
                  <li>Your <a href="/home.xhtml">home page</a> shows the latest items of your apps.</li>
                  <li>Content editors write pages like this one in the built-in CMS.</li>
                  <li>Apps trust Portico's short-lived, signed tokens: see \
                <a href="https://www.rfc-editor.org/rfc/rfc8693">RFC 8693</a> for how they are exchanged.</li>
                </ul>
                """, EVERYONE));
        published(ContentKind.PAGE, "about", "de", new CmsDraft("Über Portico",
                "Was das Portal für Sie tut, und wo Sie anfangen.", """
                <h2>Eine Tür zu allen Anwendungen</h2>
                <p>Portico ist die Eingangstür zu unseren Geschäftsanwendungen: Sie melden sich einmal an, und jede \
                Anwendung, die Sie von hier öffnen, weiß schon, wer Sie sind.</p>
                <h2>Links, die zur richtigen Maske führen</h2>
                <p>Ein Link aus einer E-Mail oder einer anderen Anwendung öffnet genau die Maske, die er nennt, auch \
                wenn Sie sich erst anmelden müssen. Probieren Sie es: \
                <a href="portico:link/invoice/42">Rechnung 42 in der Demo-Anwendung</a>.</p>
                """, EVERYONE));
        if (cms.find(ContentKind.PAGE, "editor-guide", Locale.ENGLISH).isEmpty()) {
            create(ContentKind.PAGE, "editor-guide", "en", new CmsDraft("Guide for editors",
                    "A draft: readers do not see it until it is published.", """
                    <p>This page is a draft. Publish it from the editor, and it appears at /p/editor-guide.</p>
                    <p>Link to a deep-link route with <code>portico:link/route/parameter</code>, for example \
                    <a href="portico:link/ticket/OPS-42">ticket OPS-42</a>.</p>
                    """, EDITORS));
        }
        published(ContentKind.BLOCK, "guest-welcome", "und", new CmsDraft("Welcome", "", """
                <h2>Welcome to Portico</h2>
                <p>Sign in to reach your apps. Curious first? Read <a href="/p/about">what Portico is about</a>.</p>
                """, Set.of()));
        cms.find(ContentKind.BLOCK, "welcome", Locale.ENGLISH)
                .filter(welcome -> welcome.draftRevision() == 1 && AUTHOR.equals(welcome.updatedBy()))
                .ifPresent(welcome -> {
                    CmsDraft draft = welcome.draft();
                    CmsItemInfo saved = cms.save(ContentKind.BLOCK, "welcome", Locale.ENGLISH, draft.withBodyHtml(
                            draft.bodyHtml() + "<p><a href=\"/p/about\">Read more about Portico</a>.</p>"),
                            welcome.lockVersion(), AUTHOR);
                    cms.publish(ContentKind.BLOCK, "welcome", Locale.ENGLISH, saved.lockVersion(), AUTHOR);
                });
        LOG.info("Demo content of the built-in CMS in place: /p/about (en, de), the draft editor-guide,"
                + " the guest-welcome block");
    }

    private void published(ContentKind kind, String key, String language, CmsDraft draft) {
        if (cms.find(kind, key, CmsRules.locale(language)).isPresent()) {
            return;
        }
        CmsItemInfo created = create(kind, key, language, draft);
        cms.publish(kind, key, created.locale(), created.lockVersion(), AUTHOR);
    }

    private CmsItemInfo create(ContentKind kind, String key, String language, CmsDraft draft) {
        return cms.create(kind, key, language, draft, AUTHOR);
    }
}
