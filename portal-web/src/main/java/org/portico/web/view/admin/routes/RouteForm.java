package org.portico.web.view.admin.routes;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.portico.deeplink.link.LinkRoute;
import org.portico.deeplink.link.LinkWindow;
import org.portico.deeplink.link.RouteTarget;
import org.portico.deeplink.link.TokenPlacement;
import org.portico.web.app.UserClaim;
import org.portico.web.link.RouteDraft;
import org.portico.web.link.StoredRoute;

/**
 * The route dialog's create/edit form: what was typed, kept as typed when the route is refused. Enum values are
 * their lower-case codes (what the radio buttons submit); date-times are UTC.
 */
public class RouteForm implements Serializable {

    private static final long serialVersionUID = 1L;

    private String editingName;
    private long version;
    private String name;
    private String description;
    private List<ParameterRow> parameters = new ArrayList<>();
    private String targetKind;
    private String appId;
    private String template;
    private String path;
    private boolean guestsAllowed;
    private List<String> roles = new ArrayList<>();
    private boolean enabled;
    private LocalDateTime validFrom;
    private LocalDateTime validUntil;
    private String window;
    private boolean oneTime;
    private Integer tokenLifetimeSeconds;
    private List<String> claims = new ArrayList<>();
    private String tokenPlacement;

    void clear() {
        editingName = null;
        version = 0;
        name = description = appId = template = path = null;
        parameters = new ArrayList<>();
        targetKind = "app";
        guestsAllowed = false;
        roles = new ArrayList<>();
        enabled = true;
        validFrom = validUntil = null;
        window = code(LinkWindow.SAME_TAB);
        oneTime = false;
        tokenLifetimeSeconds = (int) LinkRoute.DEFAULT_TOKEN_LIFETIME.toSeconds();
        claims = new ArrayList<>(List.of(UserClaim.NAME.claimName()));
        tokenPlacement = code(TokenPlacement.FRAGMENT);
    }

    void load(StoredRoute route) {
        clear();
        editingName = route.getName();
        version = route.getVersion();
        name = route.getName();
        description = route.getDescription();
        route.getParameters().forEach(p -> parameters.add(ParameterRow.of(p)));
        if (route.getTargetKind() == StoredRoute.TargetKind.APP_URL) {
            targetKind = "app";
            appId = route.getAppId();
            template = route.getTargetTemplate();
        } else {
            targetKind = "page";
            path = route.getTargetTemplate();
        }
        guestsAllowed = route.isGuestsAllowed();
        roles = new ArrayList<>(route.getRoles());
        enabled = route.isEnabled();
        validFrom = utc(route.getValidFrom());
        validUntil = utc(route.getValidUntil());
        window = code(route.getWindow());
        oneTime = route.isOneTime();
        tokenLifetimeSeconds = route.getTokenLifetimeSeconds();
        claims = new ArrayList<>(route.getClaims().stream().sorted().map(UserClaim::claimName).toList());
        tokenPlacement = code(route.getTokenPlacement());
    }

    RouteDraft toDraft() {
        RouteTarget target = isApp()
                ? new RouteTarget.AppUrl(strip(appId), strip(template))
                : new RouteTarget.PortalPage(strip(path));
        Set<org.portico.deeplink.app.UserClaim> chosen = new LinkedHashSet<>();
        claims.forEach(claim -> UserClaim.findByName(claim).map(UserClaim::toDeeplink).ifPresent(chosen::add));
        return new RouteDraft(strip(name), description == null ? "" : description.strip(),
                parameters.stream().map(ParameterRow::toParameter).toList(), target, guestsAllowed,
                new LinkedHashSet<>(roles), enabled, instant(validFrom), instant(validUntil),
                constant(LinkWindow.class, window), oneTime,
                tokenLifetimeSeconds == null ? null : Duration.ofSeconds(tokenLifetimeSeconds), chosen,
                constant(TokenPlacement.class, tokenPlacement));
    }

    void addParameter() {
        parameters.add(new ParameterRow());
    }

    void removeParameter(int index) {
        if (index >= 0 && index < parameters.size()) {
            parameters.remove(index);
        }
    }

    /** A newly chosen app with no template yet gets one that starts with the app's first base URL. */
    void startTemplateAt(String baseUrl) {
        if (template == null || template.isBlank()) {
            template = baseUrl.endsWith("/") ? baseUrl : baseUrl + "/";
        }
    }

    long version() {
        return version;
    }

    private static String strip(String value) {
        return value == null ? "" : value.strip();
    }

    private static LocalDateTime utc(Instant instant) {
        return instant == null ? null : LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant instant(LocalDateTime utc) {
        return utc == null ? null : utc.toInstant(ZoneOffset.UTC);
    }

    static String code(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT);
    }

    private static <E extends Enum<E>> E constant(Class<E> type, String code) {
        return Arrays.stream(type.getEnumConstants()).filter(c -> code(c).equals(code)).findFirst().orElse(null);
    }

    public boolean isEditing() { return editingName != null; }
    public boolean isApp() { return !"page".equals(targetKind); }
    public String getEditingName() { return editingName; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getDescription() { return description; }
    public void setDescription(String description) { this.description = description; }
    public List<ParameterRow> getParameters() { return parameters; }
    public String getTargetKind() { return targetKind; }
    public void setTargetKind(String targetKind) { this.targetKind = targetKind; }
    public String getAppId() { return appId; }
    public void setAppId(String appId) { this.appId = appId; }
    public String getTemplate() { return template; }
    public void setTemplate(String template) { this.template = template; }
    public String getPath() { return path; }
    public void setPath(String path) { this.path = path; }
    public boolean isGuestsAllowed() { return guestsAllowed; }
    public void setGuestsAllowed(boolean guestsAllowed) { this.guestsAllowed = guestsAllowed; }
    public List<String> getRoles() { return roles; }
    public void setRoles(List<String> roles) { this.roles = roles; }
    public boolean isEnabled() { return enabled; }
    public void setEnabled(boolean enabled) { this.enabled = enabled; }
    public LocalDateTime getValidFrom() { return validFrom; }
    public void setValidFrom(LocalDateTime validFrom) { this.validFrom = validFrom; }
    public LocalDateTime getValidUntil() { return validUntil; }
    public void setValidUntil(LocalDateTime validUntil) { this.validUntil = validUntil; }
    public String getWindow() { return window; }
    public void setWindow(String window) { this.window = window; }
    public boolean isOneTime() { return oneTime; }
    public void setOneTime(boolean oneTime) { this.oneTime = oneTime; }
    public Integer getTokenLifetimeSeconds() { return tokenLifetimeSeconds; }
    public void setTokenLifetimeSeconds(Integer seconds) { this.tokenLifetimeSeconds = seconds; }
    public List<String> getClaims() { return claims; }
    public void setClaims(List<String> claims) { this.claims = claims; }
    public String getTokenPlacement() { return tokenPlacement; }
    public void setTokenPlacement(String tokenPlacement) { this.tokenPlacement = tokenPlacement; }
}
