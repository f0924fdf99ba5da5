package org.portico.web.user;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/** Links a user to an OpenID provider's identity: the issuer and the subject the provider gives the user. */
@Entity
@Table(name = "portico_oidc_link")
public class OidcLink {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, length = 255, updatable = false)
    private String issuer;

    @Column(nullable = false, length = 255, updatable = false)
    private String subject;

    @ManyToOne(fetch = FetchType.EAGER, optional = false)
    @JoinColumn(name = "user_id", nullable = false, updatable = false)
    private UserAccount user;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "last_login_at", nullable = false)
    private Instant lastLoginAt;

    protected OidcLink() {
        // for JPA
    }

    public OidcLink(String issuer, String subject, UserAccount user, Instant now) {
        this.issuer = issuer;
        this.subject = subject;
        this.user = user;
        this.createdAt = now;
        this.lastLoginAt = now;
    }

    public String getIssuer() {
        return issuer;
    }

    public String getSubject() {
        return subject;
    }

    public UserAccount getUser() {
        return user;
    }

    public Instant getLastLoginAt() {
        return lastLoginAt;
    }

    public void loggedIn(Instant now) {
        this.lastLoginAt = now;
    }
}
