package org.portico.web.view.cms;

import java.io.Serializable;
import java.time.Clock;
import java.util.List;

import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.omnifaces.util.Faces;
import org.omnifaces.util.Messages;
import org.portico.web.apitoken.ApiToken;
import org.portico.web.apitoken.ApiTokenRejectedException;
import org.portico.web.apitoken.ApiTokens;
import org.portico.web.security.CurrentUser;
import org.portico.web.settings.PublicUrls;
import org.portico.web.view.admin.FormMessages;

/**
 * A content editor's API tokens, {@code /cms/tokens.xhtml}: make one (name, how many days), shown once to copy into a
 * script; the list with when each was made, last used and ends; revoke. Only the user's own tokens.
 */
@Named
@ViewScoped
public class ApiTokensBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    ApiTokens apiTokens;

    @Inject
    CurrentUser currentUser;

    @Inject
    Clock clock;

    @Inject
    PublicUrls urls;

    private List<ApiToken> tokens;
    private String name;
    private int days = 90;
    private String madeSecret;
    private String madeName;

    @PostConstruct
    void init() {
        load();
    }

    private void load() {
        tokens = apiTokens.of(currentUser.getUsername());
    }

    public void create() {
        try {
            ApiTokens.Made made = apiTokens.create(currentUser.getUsername(), name, days);
            madeSecret = made.secret();
            madeName = made.token().name();
            name = null;
            load();
        } catch (ApiTokenRejectedException e) {
            FormMessages.ofCurrentForm().refused(e);
            Faces.validationFailed();
        }
    }

    public void revoke(long id) {
        try {
            apiTokens.revoke(currentUser.getUsername(), id);
            Messages.addGlobalInfo("apiToken.revoked");
        } catch (ApiTokenRejectedException e) {
            FormMessages.ofCurrentForm().refused(e);
        }
        load();
    }

    /** Forgets the secret shown once. */
    public void dismiss() {
        madeSecret = null;
        madeName = null;
    }

    public boolean live(ApiToken token) {
        return token.live(clock.instant());
    }

    /** The CMS API's list of items, as a script reaches it: for the page's example. */
    public String getApiUrl() {
        return urls.base() + "/api/cms/items";
    }

    public List<ApiToken> getTokens() {
        return tokens;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public int getDays() {
        return days;
    }

    public void setDays(int days) {
        this.days = days;
    }

    public String getMadeSecret() {
        return madeSecret;
    }

    public String getMadeName() {
        return madeName;
    }
}
