package org.portico.web.link;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.portico.deeplink.link.InvalidRouteException;
import org.portico.deeplink.link.LinkRoute;
import org.portico.deeplink.link.LinkWindow;
import org.portico.deeplink.link.RouteTarget;
import org.portico.deeplink.link.TokenPlacement;
import org.portico.web.app.UserClaim;
import org.portico.web.app.UserClaimConverter;

/**
 * A link route as stored: the columns of {@link LinkRoute}, parameters in their own rows (in path order), roles and
 * claims in theirs. Written only through {@code RouteService}, which checks the route first (the {@link LinkRoute}
 * record, then the checks that need data); read back as a {@link LinkRoute} with {@link #toRoute()}.
 */
@Entity
@Table(name = "portico_link_route")
public class StoredRoute {

    /** What a route leads to, as stored in {@code target_kind}. */
    public enum TargetKind {
        PORTAL_PAGE,
        APP_URL
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, unique = true, length = 63, updatable = false)
    private String name;

    @Column(nullable = false, length = 500)
    private String description;

    @Enumerated(EnumType.STRING)
    @Column(name = "target_kind", nullable = false, length = 16)
    private TargetKind targetKind;

    /** The target app's id (APP_URL only); the foreign key keeps the app from being deleted under the route. */
    @Column(name = "app_id", length = 63)
    private String appId;

    @Column(name = "target_template", nullable = false, length = 2000)
    private String targetTemplate;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "portico_link_route_parameter", joinColumns = @JoinColumn(name = "route_id"))
    @OrderColumn(name = "position")
    private List<StoredRouteParameter> parameters = new ArrayList<>();

    @Column(name = "guests_allowed", nullable = false)
    private boolean guestsAllowed;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "portico_link_route_role", joinColumns = @JoinColumn(name = "route_id"))
    @Column(name = "role", nullable = false, length = 40)
    private Set<String> roles = new TreeSet<>();

    @Column(nullable = false)
    private boolean enabled = true;

    @Column(name = "valid_from")
    private Instant validFrom;

    @Column(name = "valid_until")
    private Instant validUntil;

    @Enumerated(EnumType.STRING)
    @Column(name = "link_window", nullable = false, length = 16)
    private LinkWindow window;

    @Column(name = "one_time", nullable = false)
    private boolean oneTime;

    @Column(name = "token_lifetime_seconds", nullable = false)
    private int tokenLifetimeSeconds;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "portico_link_route_claim", joinColumns = @JoinColumn(name = "route_id"))
    @Column(name = "claim", nullable = false, length = 32)
    @Convert(converter = UserClaimConverter.class)
    private Set<UserClaim> claims = EnumSet.noneOf(UserClaim.class);

    @Enumerated(EnumType.STRING)
    @Column(name = "token_placement", nullable = false, length = 16)
    private TokenPlacement tokenPlacement;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    private long version;

    protected StoredRoute() {
        // for JPA
    }

    /** A new row for a checked route. */
    public StoredRoute(LinkRoute route, Instant now) {
        this.name = route.name();
        this.createdAt = now.truncatedTo(ChronoUnit.MICROS);
        apply(route, now);
    }

    /** Takes every value of a checked route with the same name (the name itself never changes). */
    public final void apply(LinkRoute route, Instant now) {
        if (!route.name().equals(name)) {
            throw new IllegalArgumentException("a stored route keeps its name: " + name + ", not " + route.name());
        }
        description = route.description();
        if (route.target() instanceof RouteTarget.AppUrl app) {
            targetKind = TargetKind.APP_URL;
            appId = app.appId();
        } else {
            targetKind = TargetKind.PORTAL_PAGE;
            appId = null;
        }
        targetTemplate = route.target().template();
        parameters.clear();
        route.parameters().forEach(p -> parameters.add(StoredRouteParameter.of(p)));
        guestsAllowed = route.guestsAllowed();
        roles.clear();
        roles.addAll(route.roles());
        enabled = route.enabled();
        validFrom = route.validFrom() == null ? null : route.validFrom().truncatedTo(ChronoUnit.MICROS);
        validUntil = route.validUntil() == null ? null : route.validUntil().truncatedTo(ChronoUnit.MICROS);
        window = route.window();
        oneTime = route.oneTime();
        tokenLifetimeSeconds = (int) route.tokenLifetime().toSeconds();
        claims.clear();
        route.claims().forEach(claim -> claims.add(UserClaim.of(claim)));
        tokenPlacement = route.tokenPlacement();
        // What the database keeps (microseconds), so that a route reads back exactly as it was written.
        updatedAt = now.truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * The route as link following sees it.
     *
     * @throws InvalidRouteException when the stored values no longer make a valid route (rules tightened since)
     */
    public LinkRoute toRoute() {
        return LinkRoute.builder(name)
                .description(description)
                .parameters(parameters.stream().map(StoredRouteParameter::toParameter).toList())
                .target(targetKind == TargetKind.APP_URL
                        ? new RouteTarget.AppUrl(appId, targetTemplate)
                        : new RouteTarget.PortalPage(targetTemplate))
                .guestsAllowed(guestsAllowed)
                .roles(Set.copyOf(roles))
                .enabled(enabled)
                .validFrom(validFrom)
                .validUntil(validUntil)
                .window(window)
                .oneTime(oneTime)
                .tokenLifetime(Duration.ofSeconds(tokenLifetimeSeconds))
                .claims(claims.stream().map(UserClaim::toDeeplink).collect(java.util.stream.Collectors.toSet()))
                .tokenPlacement(tokenPlacement)
                .build();
    }

    /** {@link #toRoute()}, or {@code null} when the stored values no longer make a valid route. */
    public LinkRoute toRouteOrNull() {
        try {
            return toRoute();
        } catch (InvalidRouteException e) {
            return null;
        }
    }

    public Long getId() { return id; }
    public String getName() { return name; }
    public String getDescription() { return description; }
    public TargetKind getTargetKind() { return targetKind; }
    /** The target app's id, or {@code null} for a Portico page. */
    public String getAppId() { return appId; }
    public String getTargetTemplate() { return targetTemplate; }
    /** Unmodifiable, in path order. */
    public List<StoredRouteParameter> getParameters() { return List.copyOf(parameters); }
    public boolean isGuestsAllowed() { return guestsAllowed; }
    /** Sorted, unmodifiable. */
    public List<String> getRoles() { return List.copyOf(new TreeSet<>(roles)); }
    public boolean isEnabled() { return enabled; }
    public Instant getValidFrom() { return validFrom; }
    public Instant getValidUntil() { return validUntil; }
    public LinkWindow getWindow() { return window; }
    public boolean isOneTime() { return oneTime; }
    public int getTokenLifetimeSeconds() { return tokenLifetimeSeconds; }
    /** Unmodifiable. */
    public Set<UserClaim> getClaims() { return claims.isEmpty() ? Set.of() : Set.copyOf(claims); }
    public TokenPlacement getTokenPlacement() { return tokenPlacement; }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getUpdatedAt() { return updatedAt; }
    public long getVersion() { return version; }
}
