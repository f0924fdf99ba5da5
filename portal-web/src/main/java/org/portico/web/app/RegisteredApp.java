package org.portico.web.app;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.portico.web.user.Role;
import org.portico.web.user.RoleConverter;

/**
 * A registered app: where it lives (base URLs), what its tokens say ({@code aud}, claims, lifetime) and how it
 * authenticates. The client secret is only ever held as a hash. Changed only through
 * {@code AppService}, which checks every value first.
 */
@Entity
@Table(name = "portico_app")
public class RegisteredApp {

    @Id
    @Column(length = 63, updatable = false)
    private String id;

    @Column(nullable = false, length = 100)
    private String name;

    @Column(length = 1000)
    private String description;

    @Column(nullable = false, unique = true, length = 255)
    private String audience;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "portico_app_base_url", joinColumns = @JoinColumn(name = "app_id"))
    @OrderColumn(name = "position")
    @Column(name = "base_url", nullable = false, length = 2048)
    private List<String> baseUrls = new ArrayList<>();

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "portico_app_claim", joinColumns = @JoinColumn(name = "app_id"))
    @Column(name = "claim", nullable = false, length = 32)
    @Convert(converter = UserClaimConverter.class)
    private Set<UserClaim> claims = EnumSet.noneOf(UserClaim.class);

    @Column(name = "token_lifetime_seconds", nullable = false)
    private int tokenLifetimeSeconds;

    @Column(name = "client_auth", nullable = false, length = 32)
    @Convert(converter = ClientAuthenticationConverter.class)
    private ClientAuthentication clientAuthentication;

    @Column(name = "client_secret_hash", length = 512)
    private String clientSecretHash;

    @Column(name = "jwks_url", length = 2048)
    private String jwksUrl;

    /** Whether the JWKS may be on an internal host (loopback, private network…): set by the admin explicitly. */
    @Column(name = "allow_internal_jwks_host", nullable = false)
    private boolean allowInternalJwksHost;

    /** Apps whose audience this app may obtain by token exchange. */
    @ManyToMany(fetch = FetchType.EAGER)
    @JoinTable(name = "portico_app_exchange", joinColumns = @JoinColumn(name = "app_id"),
               inverseJoinColumns = @JoinColumn(name = "target_app_id"))
    private Set<RegisteredApp> exchangeTargets = new HashSet<>();

    @Column(name = "trusted_for_sign_on", nullable = false)
    private boolean trustedForSignOn;

    /** The roles a user signed in by this app's links may have: all of the user's roles must be in here. */
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "portico_app_sign_on_role", joinColumns = @JoinColumn(name = "app_id"))
    @Column(name = "role", nullable = false, length = 32)
    @Convert(converter = RoleConverter.class)
    private Set<Role> signOnRoles = EnumSet.of(Role.END_USER);

    /** Whether Portico's pages may show the app's pages in a pane (an iframe). */
    @Column(name = "may_be_framed", nullable = false)
    private boolean mayBeFramed;

    /** The iframe sandbox flags the app's panes get: exactly these. */
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "portico_app_sandbox_flag", joinColumns = @JoinColumn(name = "app_id"))
    @Column(name = "flag", nullable = false, length = 40)
    @Convert(converter = SandboxFlagConverter.class)
    private Set<SandboxFlag> sandboxFlags = EnumSet.noneOf(SandboxFlag.class);

    /** Whether Portico serves the app at {@code /apps/{id}/} through its reverse proxy (issue 13). */
    @Column(nullable = false)
    private boolean proxied;

    /** Where the proxy sends the app's requests: under one of the base URLs; null when not proxied. */
    @Column(name = "upstream_url", length = 2048)
    private String upstreamUrl;

    @Column(nullable = false)
    private boolean enabled = true;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    private long version;

    protected RegisteredApp() {
        // for JPA
    }

    public RegisteredApp(String id, Instant now) {
        this.id = id;
        this.createdAt = now;
        this.updatedAt = now;
    }

    public String getId() { return id; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getDescription() { return description; }
    public void setDescription(String description) { this.description = description; }
    public String getAudience() { return audience; }
    public void setAudience(String audience) { this.audience = audience; }

    /** Normalised base URLs (see {@code AppBaseUrl}), in the admin's order; unmodifiable. */
    public List<String> getBaseUrls() { return List.copyOf(baseUrls); }

    public void setBaseUrls(List<String> baseUrls) {
        this.baseUrls.clear();
        this.baseUrls.addAll(baseUrls);
    }

    /** Unmodifiable. */
    public Set<UserClaim> getClaims() { return claims.isEmpty() ? Set.of() : Set.copyOf(claims); }

    public void setClaims(Set<UserClaim> claims) {
        this.claims.clear();
        this.claims.addAll(claims);
    }

    public int getTokenLifetimeSeconds() { return tokenLifetimeSeconds; }
    public void setTokenLifetimeSeconds(int seconds) { this.tokenLifetimeSeconds = seconds; }
    public ClientAuthentication getClientAuthentication() { return clientAuthentication; }
    public void setClientAuthentication(ClientAuthentication method) { this.clientAuthentication = method; }
    public String getClientSecretHash() { return clientSecretHash; }
    public void setClientSecretHash(String hash) { this.clientSecretHash = hash; }
    public String getJwksUrl() { return jwksUrl; }
    public void setJwksUrl(String jwksUrl) { this.jwksUrl = jwksUrl; }
    public boolean isAllowInternalJwksHost() { return allowInternalJwksHost; }
    public void setAllowInternalJwksHost(boolean allow) { this.allowInternalJwksHost = allow; }

    /** Audiences this app may obtain by token exchange, sorted. */
    public List<String> getExchangeAudiences() {
        return exchangeTargets.stream().map(RegisteredApp::getAudience).sorted().toList();
    }

    /** Ids of the apps whose audience this app may obtain by token exchange, sorted. */
    public List<String> getExchangeTargetIds() {
        return exchangeTargets.stream().map(RegisteredApp::getId).sorted(Comparator.naturalOrder()).toList();
    }

    public void setExchangeTargets(Set<RegisteredApp> targets) {
        this.exchangeTargets.clear();
        this.exchangeTargets.addAll(targets);
    }

    public boolean isTrustedForSignOn() { return trustedForSignOn; }
    public void setTrustedForSignOn(boolean trusted) { this.trustedForSignOn = trusted; }

    /** Unmodifiable. */
    public Set<Role> getSignOnRoles() { return signOnRoles.isEmpty() ? Set.of() : Set.copyOf(signOnRoles); }

    public void setSignOnRoles(Set<Role> roles) {
        this.signOnRoles.clear();
        this.signOnRoles.addAll(roles);
    }

    public boolean isMayBeFramed() { return mayBeFramed; }
    public void setMayBeFramed(boolean mayBeFramed) { this.mayBeFramed = mayBeFramed; }

    /** Unmodifiable. */
    public Set<SandboxFlag> getSandboxFlags() { return sandboxFlags.isEmpty() ? Set.of() : Set.copyOf(sandboxFlags); }

    public void setSandboxFlags(Set<SandboxFlag> flags) {
        this.sandboxFlags.clear();
        this.sandboxFlags.addAll(flags);
    }

    /** The value of a pane's {@code sandbox} attribute: the allowed flags in their fixed order, space-separated. */
    public String getSandbox() {
        return String.join(" ", sandboxFlags.stream().sorted().map(SandboxFlag::token).toList());
    }

    public boolean isProxied() { return proxied; }
    public void setProxied(boolean proxied) { this.proxied = proxied; }
    public String getUpstreamUrl() { return upstreamUrl; }
    public void setUpstreamUrl(String upstreamUrl) { this.upstreamUrl = upstreamUrl; }
    public boolean isEnabled() { return enabled; }
    public void setEnabled(boolean enabled) { this.enabled = enabled; }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getUpdatedAt() { return updatedAt; }
    public void touch(Instant now) { this.updatedAt = now; }
    public long getVersion() { return version; }
}
