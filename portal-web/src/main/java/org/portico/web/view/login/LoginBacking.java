package org.portico.web.view.login;

import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.logging.Logger;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.omnifaces.util.Faces;
import org.omnifaces.util.Messages;
import org.portico.deeplink.redirect.RedirectGuard;
import org.portico.web.audit.AuditAction;
import org.portico.web.audit.AuditLog;
import org.portico.web.audit.AuditOutcome;
import org.portico.web.i18n.Texts;
import org.portico.web.metrics.PorticoMetrics;
import org.portico.web.security.CurrentUser;
import org.portico.web.security.LoginThrottle;
import org.portico.web.security.PasswordCheckSlots;
import org.portico.web.user.Usernames;

import static jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters.withParams;

/**
 * The login form. Passes the credentials to Jakarta Security, which continues to the page that needed the login
 * (LoginToContinue); otherwise goes to the local page named by {@code ?continue=}, or home.
 */
@Named
@RequestScoped
public class LoginBacking {

    private static final Logger LOG = Logger.getLogger(LoginBacking.class.getName());
    static final String HOME = "/home.xhtml";
    private static final RedirectGuard LOCAL_ONLY = RedirectGuard.localOnly();
    /** Audit details of a failed login: the password was checked and wrong (or the user unknown) … */
    static final String WRONG_PASSWORD = "wrong username or password";
    /** … the throttle refused the attempt before any check … */
    static final String THROTTLED = "locked after too many failed attempts";
    /** … or every password check slot was taken. */
    static final String BUSY = "too many logins at once";
    /** The login form's tag in portico_logins_total. */
    private static final String METHOD = "password";

    @NotBlank(message = "{login.username.required}")
    @Size(max = 64, message = "{login.username.tooLong}")
    private String username;

    @NotBlank(message = "{login.password.required}")
    @Size(max = 256, message = "{login.password.tooLong}")
    private String password;

    private String continueTo;

    @Inject
    SecurityContext securityContext;

    @Inject
    FacesContext faces;

    @Inject
    LoginThrottle throttle;

    @Inject
    PasswordCheckSlots passwordChecks;

    @Inject
    CurrentUser currentUser;

    @Inject
    AuditLog audit;

    @Inject
    PorticoMetrics metrics;

    /** Someone already logged in who opens the login page goes home (or where ?continue= says). */
    public void redirectIfLoggedIn() throws IOException {
        if (currentUser.isLoggedIn()) {
            faces.getExternalContext().redirect(faces.getExternalContext().getRequestContextPath() + localTarget());
        }
    }

    public void login() throws IOException {
        ExternalContext external = faces.getExternalContext();
        HttpServletRequest request = (HttpServletRequest) external.getRequest();
        String user = Usernames.normalize(username);
        String address = request.getRemoteAddr();

        // Check and reserve in one step: of 30 concurrent wrong passwords for one user, at most the free attempts
        // reach the password check; the rest are refused here without hashing.
        LoginThrottle.Attempt attempt = throttle.tryAttempt(user, address);
        if (attempt instanceof LoginThrottle.Refused refused) {
            audit.recordAs(null, AuditAction.LOGIN_FAILED, "user:" + user, AuditOutcome.REFUSED, THROTTLED);
            metrics.login(METHOD, "throttled");
            error("login.error.throttled", humanize(refused.waitFor(), Faces.getLocale()));
            return;
        }
        LoginThrottle.Permit permit = (LoginThrottle.Permit) attempt;
        try {
            if (!passwordChecks.tryAcquire()) {
                audit.recordAs(null, AuditAction.LOGIN_FAILED, "user:" + user, AuditOutcome.REFUSED, BUSY);
                metrics.login(METHOD, "busy");
                error("login.error.busy");
                return;
            }
            try {
                authenticate(request, external, user, address, permit);
            } finally {
                passwordChecks.release();
            }
        } finally {
            permit.release(); // does nothing once the attempt failed or succeeded
        }
    }

    private void authenticate(HttpServletRequest request, ExternalContext external, String user, String address,
                              LoginThrottle.Permit permit) throws IOException {
        // Session fixation: whatever session id the browser brought, the logged-in session gets a new one. Done
        // before authenticating because a successful login answers with a redirect at once; the session's
        // content (the request to continue to) moves along to the new id.
        if (request.getSession(false) != null) {
            request.changeSessionId();
        }
        // newAuthentication(false): Soteria then treats this as the postback of the login page that LoginToContinue
        // showed, and redirects to the saved request on success (SEND_CONTINUE). With true it answers SUCCESS and
        // forgets the saved request, and a deep link would be lost after the login.
        AuthenticationStatus status = securityContext.authenticate(request, (HttpServletResponse) external.getResponse(),
                withParams().newAuthentication(false).credential(new UsernamePasswordCredential(user, password)));

        switch (status) {
            case SEND_CONTINUE -> {
                // LoginToContinue redirects to the page that asked for the login.
                permit.succeeded();
                audit.recordAs(user, AuditAction.LOGIN, "user:" + user, AuditOutcome.SUCCESS, null);
                metrics.login(METHOD, "success");
                faces.responseComplete();
            }
            case SUCCESS -> {
                permit.succeeded();
                audit.recordAs(user, AuditAction.LOGIN, "user:" + user, AuditOutcome.SUCCESS, null);
                metrics.login(METHOD, "success");
                external.redirect(external.getRequestContextPath() + localTarget());
            }
            default -> {
                permit.failed();
                audit.recordAs(null, AuditAction.LOGIN_FAILED, "user:" + user, AuditOutcome.REFUSED, WRONG_PASSWORD);
                metrics.login(METHOD, "wrong_password");
                LOG.info(() -> "Failed login for '" + forLog(user) + "' from " + address);
                error("login.error.wrongPassword");
            }
        }
    }

    private String localTarget() {
        return LOCAL_ONLY.findLocalTarget(continueTo).orElse(HOME);
    }

    /** Shows the text of a bundle key (login.*) above the form, in the page's language. */
    private void error(String key, Object... params) {
        password = null;
        Messages.addGlobalError(key, params);
    }

    /** What a person typed, made safe for one log line: no control characters (log forging), bounded length. */
    static String forLog(String typed) {
        String clean = typed.replaceAll("\\p{Cntrl}", "?");
        return clean.length() > 64 ? clean.substring(0, 64) + "…" : clean;
    }

    /** A waiting time as people say it, in their language: "30 seconds", "2 minutes" (rounded up). */
    static String humanize(Duration duration, Locale locale) {
        long seconds = Math.max(1, duration.toSeconds() + (duration.toNanosPart() > 0 ? 1 : 0));
        if (seconds < 90) {
            return Texts.format(locale, "login.wait.seconds", seconds);
        }
        return Texts.format(locale, "login.wait.minutes", (seconds + 59) / 60);
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public String getContinueTo() {
        return continueTo;
    }

    public void setContinueTo(String continueTo) {
        this.continueTo = continueTo;
    }
}
