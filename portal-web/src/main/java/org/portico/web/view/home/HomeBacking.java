package org.portico.web.view.home;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.omnifaces.util.Faces;

import org.portico.web.i18n.Texts;
import org.portico.web.security.CurrentUser;

/** The end-user's home page. It will hold widgets; for now it greets the user and shows the welcome block. */
@Named
@RequestScoped
public class HomeBacking {

    @Inject
    CurrentUser currentUser;

    public String getGreeting() {
        return Texts.format(Faces.getLocale(), "home.greeting", currentUser.getDisplayName());
    }

    /** The day the account was created, in the page's language ("6 December 2026", "6. Dezember 2026"). */
    public String getMemberSince() {
        DateTimeFormatter memberSince = DateTimeFormatter.ofPattern(Texts.format(Faces.getLocale(),
                "home.memberSince.pattern"), Faces.getLocale()).withZone(ZoneOffset.UTC);
        return currentUser.find().map(user -> memberSince.format(user.getCreatedAt())).orElse("");
    }
}
