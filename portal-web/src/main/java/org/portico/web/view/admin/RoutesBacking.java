package org.portico.web.view.admin;

import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.annotation.PostConstruct;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.portico.deeplink.link.InvalidParameterException;
import org.portico.deeplink.link.LinkRoute;
import org.portico.deeplink.link.LinkWindow;
import org.portico.deeplink.link.ParameterType;
import org.portico.deeplink.link.RouteParameter;
import org.portico.deeplink.link.RouteProblem;
import org.portico.deeplink.link.RouteTarget;
import org.portico.deeplink.link.TokenPlacement;
import org.portico.web.app.AppService;
import org.portico.web.app.UserClaim;
import org.portico.web.link.OutboundLinks;
import org.portico.web.link.RouteDraft;
import org.portico.web.link.RouteRejectedException;
import org.portico.web.link.RouteSamples;
import org.portico.web.link.RouteService;
import org.portico.web.link.StoredRoute;
import org.portico.web.link.StoredRouteParameter;
import org.portico.web.security.CurrentUser;
import org.portico.web.user.Role;
import org.primefaces.PrimeFaces;
import org.primefaces.model.LazyDataModel;

/**
 * The site admin's link routes: a searchable, paged list with a sample link per route; create and edit in one dialog
 * (parameters as rows, the target as a Portico page or an app URL template); delete after an explicit confirmation;
 * "try it", which asks for the parameter values and opens the link in a new tab. Problems found by
 * {@link RouteService} appear next to the field they concern ({@link RouteProblem#field()} names the input), and the
 * dialog keeps what was typed. Date-times are UTC.
 */
@Named
@ViewScoped
public class RoutesBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    /** {@code parameters[2].pattern} → index 2, field pattern. */
    private static final Pattern PARAMETER_FIELD = Pattern.compile("parameters\\[(\\d+)]\\.(\\w+)");

    @Inject
    transient RouteService routes;

    @Inject
    transient AppService apps;

    @Inject
    transient Clock clock;

    @Inject
    transient OutboundLinks outboundLinks;

    @Inject
    transient CurrentUser currentUser;

    private String query;
    private LazyDataModel<RouteRow> model;

    private final RouteForm form = new RouteForm();
    private RouteRow confirmFor;
    private TryLink tryLink;
    private List<AppOption> appOptions = List.of();

    @PostConstruct
    void init() {
        model = new SearchTableModel<>("name", () -> routes.count(query),
                (first, pageSize, field, ascending) -> {
                    Instant now = clock.instant();
                    return routes.search(query, first, pageSize, field, ascending).stream()
                            .map(route -> RouteRow.of(route, now)).toList();
                },
                new SearchTableModel.Keys<>() {
                    private static final long serialVersionUID = 1L;

                    @Override
                    public String keyOf(RouteRow row) {
                        return row.name();
                    }

                    @Override
                    public RouteRow rowFor(String key) {
                        return RouteRow.of(routes.getByName(key), clock.instant());
                    }
                });
    }

    // ---- actions -------------------------------------------------------------------------------------------

    public void prepareCreate() {
        form.clear();
        loadAppOptions();
    }

    public void prepareEdit(RouteRow row) {
        try {
            form.load(routes.getByName(row.name()));
            loadAppOptions();
        } catch (RouteRejectedException e) {
            FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, e.getMessage(), null));
            FacesContext.getCurrentInstance().validationFailed();
        }
    }

    public void addParameter() {
        form.parameters.add(new ParameterRow());
    }

    public void removeParameter(int index) {
        if (index >= 0 && index < form.parameters.size()) {
            form.parameters.remove(index);
        }
    }

    /** A newly chosen app with no template yet gets one that starts with the app's first base URL. */
    public void appChosen() {
        if (form.template == null || form.template.isBlank()) {
            apps.findById(form.appId).flatMap(app -> app.getBaseUrls().stream().findFirst())
                    .ifPresent(url -> form.template = url.endsWith("/") ? url : url + "/");
        }
    }

    public void save() {
        attempt("routeDialog", () -> {
            RouteDraft draft = form.toDraft();
            StoredRoute saved = form.isEditing()
                    ? routes.update(form.editingName, form.version, draft)
                    : routes.create(draft);
            return "Route '" + saved.getName() + "' was " + (form.isEditing() ? "saved." : "created.");
        });
    }

    public void prepareConfirm(RouteRow row) {
        confirmFor = row;
    }

    public void delete() {
        attempt("deleteDialog", () -> {
            routes.delete(confirmFor.name());
            return "Route '" + confirmFor.name() + "' was deleted.";
        });
    }

    public void prepareTry(RouteRow row) {
        try {
            tryLink = new TryLink(routes.getByName(row.name()));
        } catch (RouteRejectedException e) {
            FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, e.getMessage(), null));
            FacesContext.getCurrentInstance().validationFailed();
        }
    }

    /**
     * "Try it" of a one-time route: mints a ticket for the values given, redeemable once and only by the admin who
     * tries it, and shows the link with it. Each press mints a new one; changing a value forgets the last.
     */
    public void mintTry() {
        if (tryLink == null) {
            return;
        }
        try {
            OutboundLinks.Built built = outboundLinks.build(tryLink.getRoute(), tryLink.valueMap(),
                    currentUser.getUsername(), null);
            String context = FacesContext.getCurrentInstance().getExternalContext().getRequestContextPath();
            tryLink.minted = context + built.path();
        } catch (IllegalArgumentException e) {
            tryLink.minted = null;
            FacesContext.getCurrentInstance().addMessage("tryForm:tryMessages",
                    new FacesMessage(FacesMessage.SEVERITY_ERROR, e.getMessage(), null));
            FacesContext.getCurrentInstance().validationFailed();
        }
    }

    /**
     * Runs a change; on success closes the dialog and says so, on refusal shows why — next to the field, or at the
     * top of the dialog — and keeps the dialog open with what was typed.
     */
    private void attempt(String dialog, Supplier<String> change) {
        FacesContext faces = FacesContext.getCurrentInstance();
        try {
            String done = change.get();
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, done, null));
            PrimeFaces.current().executeScript("PF('" + dialog + "').hide()");
            PrimeFaces.current().ajax().update("routes:table", "routes:growl");
        } catch (RouteRejectedException.InvalidRoute e) {
            e.problems().forEach(problem -> faces.addMessage(clientIdOf(problem.field()),
                    new FacesMessage(FacesMessage.SEVERITY_ERROR, sentence(problem), null)));
            faces.validationFailed();
        } catch (RouteRejectedException.RouteNameTaken e) {
            faces.addMessage("routeForm:name", new FacesMessage(FacesMessage.SEVERITY_ERROR, e.getMessage(), null));
            faces.validationFailed();
        } catch (RouteRejectedException e) {
            faces.addMessage(dialog + "Messages", new FacesMessage(FacesMessage.SEVERITY_ERROR, e.getMessage(), null));
            faces.validationFailed();
        }
    }

    /** "must be …" next to its input reads as a sentence; elsewhere the field is named. */
    private String sentence(RouteProblem problem) {
        String message = Character.toUpperCase(problem.message().charAt(0)) + problem.message().substring(1) + ".";
        return clientIdOf(problem.field()).equals("routeDialogMessages") ? problem.field() + ": " + problem.message() : message;
    }

    /** The form's inputs are named like the JSON fields; a parameter's inputs live in their row. */
    private String clientIdOf(String field) {
        Matcher parameter = PARAMETER_FIELD.matcher(field);
        if (parameter.matches() && Integer.parseInt(parameter.group(1)) < form.parameters.size()
                && ParameterRow.FIELDS.contains(parameter.group(2))) {
            return "routeForm:parameters:" + parameter.group(1) + ":" + parameter.group(2);
        }
        return switch (field) {
            case "name", "description", "roles", "validFrom", "validUntil", "window", "oneTime",
                 "tokenLifetimeSeconds", "claims", "tokenPlacement" -> "routeForm:" + field;
            case "parameters" -> "parametersMessages";
            case "target" -> "routeForm:targetKind";
            case "target.appId" -> "routeForm:appId";
            case "target.template" -> "routeForm:template";
            case "target.path" -> "routeForm:path";
            default -> "routeDialogMessages";
        };
    }

    // ---- view state ----------------------------------------------------------------------------------------

    /** The apps a route may lead into, read when the dialog opens. */
    public List<AppOption> getAppOptions() {
        return appOptions;
    }

    /** An app in the target select: disabled apps are marked, since new routes can't lead into them. */
    public record AppOption(String id, String label) implements Serializable {
    }

    private void loadAppOptions() {
        appOptions = apps.search(null, 0, 1000, "id", true).stream()
                .map(app -> new AppOption(app.getId(), app.getId() + " · " + app.getName() + (app.isEnabled() ? "" : " (disabled)")))
                .toList();
    }

    public ParameterType[] getParameterTypes() {
        return ParameterType.values();
    }

    public Role[] getAllRoles() {
        return Role.values();
    }

    public UserClaim[] getAllClaims() {
        return UserClaim.values();
    }

    public String getQuery() { return query; }
    public void setQuery(String query) { this.query = query; }
    public LazyDataModel<RouteRow> getModel() { return model; }
    public RouteForm getForm() { return form; }
    public RouteRow getConfirmFor() { return confirmFor; }
    public TryLink getTryLink() { return tryLink; }

    /** The create/edit form; enum values are typed one per line. */
    public static class RouteForm implements Serializable {
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

    /** One parameter row of the form; the inputs for values and pattern show for their type only. */
    public static class ParameterRow implements Serializable {
        private static final long serialVersionUID = 1L;

        /** The JSON field names of a parameter, which are also the ids of the row's inputs. */
        static final List<String> FIELDS = List.of("name", "type", "required", "values", "pattern", "maxLength");

        private String name;
        private String type = ParameterType.STRING.code();
        private boolean required = true;
        private String values;
        private String pattern;
        private Integer maxLength = RouteParameter.DEFAULT_MAX_LENGTH;

        static ParameterRow of(StoredRouteParameter parameter) {
            ParameterRow row = new ParameterRow();
            row.name = parameter.getName();
            row.type = parameter.getType().code();
            row.required = parameter.isRequired();
            row.values = String.join("\n", parameter.getValues());
            row.pattern = parameter.getPattern();
            row.maxLength = parameter.getMaxLength();
            return row;
        }

        RouteParameter toParameter() {
            ParameterType parameterType = Arrays.stream(ParameterType.values()).filter(t -> t.code().equals(type))
                    .findFirst().orElse(null);
            List<String> allowed = parameterType == ParameterType.ENUM && values != null
                    ? Arrays.stream(values.split("\\R")).map(String::strip).filter(v -> !v.isEmpty()).toList()
                    : List.of();
            String regex = parameterType == ParameterType.PATTERN ? pattern : null;
            return new RouteParameter(name == null ? null : name.strip(), parameterType, required, allowed, regex,
                    maxLength == null ? RouteParameter.DEFAULT_MAX_LENGTH : maxLength);
        }

        public boolean isEnumType() { return ParameterType.ENUM.code().equals(type); }
        public boolean isPatternType() { return ParameterType.PATTERN.code().equals(type); }
        public boolean isLimited() { return isPatternType() || ParameterType.STRING.code().equals(type); }
        public String getName() { return name; }
        public void setName(String name) { this.name = name; }
        public String getType() { return type; }
        public void setType(String type) { this.type = type; }
        public boolean isRequired() { return required; }
        public void setRequired(boolean required) { this.required = required; }
        public String getValues() { return values; }
        public void setValues(String values) { this.values = values; }
        public String getPattern() { return pattern; }
        public void setPattern(String pattern) { this.pattern = pattern; }
        public Integer getMaxLength() { return maxLength; }
        public void setMaxLength(Integer maxLength) { this.maxLength = maxLength; }
    }

    /** "Try it": a value per parameter (pre-filled where the type has an obvious one) and the link they make. */
    public static class TryLink implements Serializable {
        private static final long serialVersionUID = 1L;

        private final String route;
        private final boolean newTab;
        private final boolean oneTime;
        private final List<TryValue> values = new ArrayList<>();
        /** The last minted one-time link, or null (cleared when a value changes). */
        private String minted;

        TryLink(StoredRoute stored) {
            route = stored.getName();
            newTab = stored.getWindow() == LinkWindow.NEW_TAB;
            oneTime = stored.isOneTime();
            for (StoredRouteParameter parameter : stored.getParameters()) {
                values.add(new TryValue(this, parameter,
                        RouteSamples.sampleValue(parameter).filter(v -> parameter.isRequired())));
            }
        }

        /**
         * The link under Portico's context path, e.g. {@code /link/invoice/42}; values stop at the first empty one.
         * For a one-time route: the minted link, or null until one is minted.
         */
        public String getHref() {
            if (oneTime) {
                return minted;
            }
            String context = FacesContext.getCurrentInstance().getExternalContext().getRequestContextPath();
            return context + RouteSamples.link(route, values.stream().map(TryValue::getValue).toList());
        }

        /** The non-empty values by parameter name, for minting. */
        Map<String, String> valueMap() {
            Map<String, String> map = new LinkedHashMap<>();
            values.stream().filter(v -> !v.getValue().isEmpty()).forEach(v -> map.put(v.getName(), v.getValue()));
            return map;
        }

        public boolean isOneTime() { return oneTime; }

        public String getRoute() { return route; }
        public boolean isNewTab() { return newTab; }
        public List<TryValue> getValues() { return values; }
    }

    /** One parameter of "try it", with what its type expects when the value does not fit. */
    public static class TryValue implements Serializable {
        private static final long serialVersionUID = 1L;

        private final String name;
        private final String type;
        private final boolean required;
        private final List<String> options;
        private final String hint;
        private final String pattern;
        private final int maxLength;
        private final TryLink link;
        private String value;

        TryValue(TryLink link, StoredRouteParameter stored, Optional<String> sample) {
            this.link = link;
            name = stored.getName();
            type = stored.getType().code();
            required = stored.isRequired();
            options = stored.getValues();
            hint = stored.getType() == ParameterType.PATTERN ? "matching " + stored.getPattern() : type;
            pattern = stored.getPattern();
            maxLength = stored.getMaxLength();
            value = sample.orElse("");
        }

        /** What is wrong with the value, or {@code null}; an empty optional value is fine. */
        public String getProblem() {
            if ((value == null || value.isEmpty()) && !required) {
                return null;
            }
            try {
                new RouteParameter(name, ParameterType.valueOf(type.toUpperCase(Locale.ROOT)), required, options, pattern,
                        maxLength).check(value);
                return null;
            } catch (InvalidParameterException e) {
                return e.getMessage();
            }
        }

        public String getName() { return name; }
        public String getType() { return type; }
        public boolean isRequired() { return required; }
        public List<String> getOptions() { return options; }
        public String getHint() { return hint; }
        public String getValue() { return value; }
        public void setValue(String value) {
            String given = value == null ? "" : value;
            if (!given.equals(this.value)) {
                link.minted = null;
            }
            this.value = given;
        }
    }
}
