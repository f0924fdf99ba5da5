package org.portico.web.view.home;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.portico.web.security.CurrentUser;

/** The end-user's home page. It will hold widgets; for now it greets the user and shows the welcome block. */
@Named
@RequestScoped
public class HomeBacking {

    private static final DateTimeFormatter MEMBER_SINCE = DateTimeFormatter.ofPattern("d MMMM yyyy").withZone(ZoneOffset.UTC);

    @Inject
    CurrentUser currentUser;

    public String getGreeting() {
        return "Welcome, " + currentUser.getDisplayName();
    }

    public String getMemberSince() {
        return currentUser.find().map(user -> MEMBER_SINCE.format(user.getCreatedAt())).orElse("");
    }
}
