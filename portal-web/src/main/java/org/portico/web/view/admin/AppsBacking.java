package org.portico.web.view.admin;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.omnifaces.util.Faces;
import org.omnifaces.util.Messages;
import org.portico.web.app.AppDraft;
import org.portico.web.app.AppRejectedException;
import org.portico.web.app.AppRules;
import org.portico.web.app.AppSaved;
import org.portico.web.app.AppService;
import org.portico.web.app.ClientAuthentication;
import org.portico.web.app.SandboxFlag;
import org.portico.web.app.UserClaim;
import org.portico.web.link.InboundSecrets;
import org.portico.web.app.RegisteredApp;
import org.portico.web.user.Role;
import org.primefaces.PrimeFaces;
import org.primefaces.model.LazyDataModel;

/**
 * The site admin's app registry: a searchable, paged list; register and edit in one dialog; enable/disable;
 * delete and regenerate the client secret after an explicit confirmation. A generated secret is shown once, in its
 * own dialog, and forgotten when the admin closes it. Refusals from {@link AppService} appear next to the field
 * they concern, and the dialog keeps what was typed.
 */
@Named
@ViewScoped
public class AppsBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    AppService apps;

    @Inject
    InboundSecrets inboundSecrets;

    private String query;
    private LazyDataModel<AppRow> model;

    private final AppForm form = new AppForm();
    private List<String> audienceOptions = List.of();
    private AppRow confirmFor;
    private String issuedSecret;
    private String issuedFor;
    private boolean issuedInboundSecret;

    @PostConstruct
    void init() {
        model = new SearchTableModel<>("id", () -> apps.count(query),
                (first, pageSize, field, ascending) -> apps.search(query, first, pageSize, field, ascending).stream()
                        .map(AppRow::of).toList(),
                new SearchTableModel.Keys<>() {
                    private static final long serialVersionUID = 1L;

                    @Override
                    public String keyOf(AppRow row) {
                        return row.id();
                    }

                    @Override
                    public AppRow rowFor(String key) {
                        return AppRow.of(apps.getById(key));
                    }
                });
    }


    // ---- actions -------------------------------------------------------------------------------------------

    public void prepareCreate() {
        form.clear();
        audienceOptions = otherAudiences(null);
    }

    public void prepareEdit(AppRow row) {
        try {
            RegisteredApp app = apps.getById(row.id());
            form.load(app);
            audienceOptions = otherAudiences(app.getId());
        } catch (AppRejectedException e) {
            Messages.addGlobalError(e.messageKey(), e.messageParams());
        }
    }

    public void save() {
        boolean editing = form.isEditing();
        attempt(() -> {
            AppSaved saved = editing
                    ? apps.update(form.getEditingId(), form.getVersion(), form.toDraft())
                    : apps.create(form.toDraft());
            saved.oneTimeSecret().ifPresent(secret -> showSecret(saved.app().getId(), secret));
            Messages.addGlobalInfo(editing ? "admin.apps.saved" : "admin.apps.registered", saved.app().getId());
        });
    }

    public void toggleEnabled(AppRow row) {
        attempt(() -> {
            RegisteredApp app = apps.setEnabled(row.id(), !row.enabled());
            Messages.addGlobalInfo(app.isEnabled() ? "admin.apps.enabled" : "admin.apps.disabled", app.getId());
        });
    }

    public void prepareConfirm(AppRow row) {
        confirmFor = row;
    }

    public void delete() {
        attempt(() -> {
            apps.delete(confirmFor.id());
            Messages.addGlobalInfo("admin.apps.deleted", confirmFor.id());
        });
    }

    public void regenerateSecret() {
        attempt(() -> {
            AppSaved saved = apps.regenerateSecret(confirmFor.id());
            showSecret(saved.app().getId(), saved.oneTimeSecret().orElseThrow());
            Messages.addGlobalInfo("admin.apps.secret-regenerated", confirmFor.id());
        });
    }

    /** A new secret for the app to sign links into Portico with (HS256), shown once. */
    public void generateInboundSecret() {
        attempt(() -> {
            String secret = inboundSecrets.generate(confirmFor.id());
            showSecret(confirmFor.id(), secret);
            issuedInboundSecret = true;
            Messages.addGlobalInfo("admin.apps.inbound-secret-generated", confirmFor.id());
        });
    }

    /** The admin has copied the secret: forget it. */
    public void dismissSecret() {
        issuedSecret = null;
        issuedFor = null;
        issuedInboundSecret = false;
    }

    /** Keeps the secret for its dialog, which the page opens when the callback parameter {@code secretIssued} says so. */
    private void showSecret(String appId, String secret) {
        issuedInboundSecret = false;
        issuedFor = appId;
        issuedSecret = secret;
        PrimeFaces.current().ajax().addCallbackParam("secretIssued", true);
    }

    /**
     * Runs a change, which says what it did; on refusal shows why — next to the field, or at the top of the dialog
     * (see {@link FormMessages}) — and fails validation, so the page keeps the dialog open with what was typed.
     */
    private void attempt(Runnable change) {
        try {
            change.run();
        } catch (AppRejectedException e) {
            FormMessages.ofCurrentForm().refused(e);
            Faces.validationFailed();
        }
    }

    private List<String> otherAudiences(String selfId) {
        return apps.search(null, 0, 1000, "audience", true).stream()
                .filter(app -> !app.getId().equals(selfId))
                .map(RegisteredApp::getAudience)
                .toList();
    }

    // ---- view state ----------------------------------------------------------------------------------------

    public UserClaim[] getAllClaims() {
        return UserClaim.values();
    }

    public Role[] getAllRoles() {
        return Role.values();
    }

    public SandboxFlag[] getAllSandboxFlags() {
        return SandboxFlag.values();
    }

    public ClientAuthentication[] getAllClientAuthentications() {
        return ClientAuthentication.values();
    }

    public String getIdPattern() {
        return AppRules.ID_PATTERN;
    }

    public List<String> getAudienceOptions() {
        return audienceOptions;
    }

    public String getQuery() {
        return query;
    }

    public void setQuery(String query) {
        this.query = query;
    }

    public LazyDataModel<AppRow> getModel() {
        return model;
    }

    public AppForm getForm() {
        return form;
    }

    public AppRow getConfirmFor() {
        return confirmFor;
    }

    public String getIssuedSecret() {
        return issuedSecret;
    }

    public String getIssuedFor() {
        return issuedFor;
    }

    public boolean isIssuedInboundSecret() {
        return issuedInboundSecret;
    }

    /** The register/edit form; base URLs are typed one per line. */
    public static class AppForm implements Serializable {
        private static final long serialVersionUID = 1L;

        private String editingId;
        private long version;
        private String id;
        private String name;
        private String description;
        private String audience;
        private String baseUrls;
        private List<String> claims = new ArrayList<>();
        private Integer tokenLifetimeSeconds;
        private String clientAuthentication;
        private String jwksUrl;
        private boolean allowInternalJwksHost;
        private List<String> exchangeAudiences = new ArrayList<>();
        private boolean trustedForSignOn;
        private List<String> signOnRoles = new ArrayList<>();
        private boolean enabled;
        private boolean mayBeFramed;
        private List<String> sandbox = new ArrayList<>();
        private boolean proxied;
        private String upstreamUrl;

        void clear() {
            editingId = null;
            version = 0;
            id = name = description = audience = baseUrls = jwksUrl = null;
            allowInternalJwksHost = false;
            claims = new ArrayList<>(List.of(UserClaim.NAME.claimName()));
            tokenLifetimeSeconds = AppRules.DEFAULT_LIFETIME;
            clientAuthentication = ClientAuthentication.CLIENT_SECRET.methodName();
            exchangeAudiences = new ArrayList<>();
            trustedForSignOn = false;
            signOnRoles = new ArrayList<>(List.of(Role.END_USER.roleName()));
            enabled = true;
            mayBeFramed = false;
            sandbox = new ArrayList<>();
            proxied = false;
            upstreamUrl = null;
        }

        void load(RegisteredApp app) {
            editingId = app.getId();
            version = app.getVersion();
            id = app.getId();
            name = app.getName();
            description = app.getDescription();
            audience = app.getAudience();
            baseUrls = String.join("\n", app.getBaseUrls());
            claims = new ArrayList<>(app.getClaims().stream().sorted().map(UserClaim::claimName).toList());
            tokenLifetimeSeconds = app.getTokenLifetimeSeconds();
            clientAuthentication = app.getClientAuthentication().methodName();
            jwksUrl = app.getJwksUrl();
            allowInternalJwksHost = app.isAllowInternalJwksHost();
            exchangeAudiences = new ArrayList<>(app.getExchangeAudiences());
            trustedForSignOn = app.isTrustedForSignOn();
            signOnRoles = new ArrayList<>(app.getSignOnRoles().stream().sorted().map(Role::roleName).toList());
            enabled = app.isEnabled();
            mayBeFramed = app.isMayBeFramed();
            sandbox = new ArrayList<>(app.getSandboxFlags().stream().sorted().map(SandboxFlag::token).toList());
            proxied = app.isProxied();
            upstreamUrl = app.getUpstreamUrl();
        }

        AppDraft toDraft() {
            List<String> urls = baseUrls == null ? List.of() : Arrays.stream(baseUrls.split("\\R")).toList();
            return new AppDraft(id, name, description, audience, urls, claims, tokenLifetimeSeconds,
                    clientAuthentication, jwksUrl, exchangeAudiences, trustedForSignOn, enabled, allowInternalJwksHost,
                    signOnRoles, mayBeFramed, sandbox, proxied, upstreamUrl);
        }

        public boolean isEditing() { return editingId != null; }
        public boolean isPrivateKeyJwt() { return ClientAuthentication.PRIVATE_KEY_JWT.methodName().equals(clientAuthentication); }
        public String getEditingId() { return editingId; }
        public long getVersion() { return version; }
        public String getId() { return id; }
        public void setId(String id) { this.id = id; }
        public String getName() { return name; }
        public void setName(String name) { this.name = name; }
        public String getDescription() { return description; }
        public void setDescription(String description) { this.description = description; }
        public String getAudience() { return audience; }
        public void setAudience(String audience) { this.audience = audience; }
        public String getBaseUrls() { return baseUrls; }
        public void setBaseUrls(String baseUrls) { this.baseUrls = baseUrls; }
        public List<String> getClaims() { return claims; }
        public void setClaims(List<String> claims) { this.claims = claims; }
        public Integer getTokenLifetimeSeconds() { return tokenLifetimeSeconds; }
        public void setTokenLifetimeSeconds(Integer seconds) { this.tokenLifetimeSeconds = seconds; }
        public String getClientAuthentication() { return clientAuthentication; }
        public void setClientAuthentication(String method) { this.clientAuthentication = method; }
        public String getJwksUrl() { return jwksUrl; }
        public void setJwksUrl(String jwksUrl) { this.jwksUrl = jwksUrl; }
        public boolean isAllowInternalJwksHost() { return allowInternalJwksHost; }
        public void setAllowInternalJwksHost(boolean allow) { this.allowInternalJwksHost = allow; }
        public List<String> getExchangeAudiences() { return exchangeAudiences; }
        public void setExchangeAudiences(List<String> audiences) { this.exchangeAudiences = audiences; }
        public boolean isTrustedForSignOn() { return trustedForSignOn; }
        public void setTrustedForSignOn(boolean trusted) { this.trustedForSignOn = trusted; }
        public List<String> getSignOnRoles() { return signOnRoles; }
        public void setSignOnRoles(List<String> roles) { this.signOnRoles = roles; }

        /** Whether the form lets this app's links sign in site admins: the dialog warns. */
        public boolean isSignsInSiteAdmins() {
            return signOnRoles != null && signOnRoles.contains(Role.SITE_ADMIN.roleName());
        }

        public boolean isEnabled() { return enabled; }
        public void setEnabled(boolean enabled) { this.enabled = enabled; }
        public boolean isMayBeFramed() { return mayBeFramed; }
        public void setMayBeFramed(boolean mayBeFramed) { this.mayBeFramed = mayBeFramed; }
        public List<String> getSandbox() { return sandbox; }
        public boolean isProxied() { return proxied; }
        public void setProxied(boolean proxied) { this.proxied = proxied; }
        public String getUpstreamUrl() { return upstreamUrl; }
        public void setUpstreamUrl(String upstreamUrl) { this.upstreamUrl = upstreamUrl; }
        public void setSandbox(List<String> sandbox) { this.sandbox = sandbox; }
    }
}
