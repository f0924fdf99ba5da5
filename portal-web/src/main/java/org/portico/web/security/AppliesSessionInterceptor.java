package org.portico.web.security;

import java.io.Serializable;
import java.security.Principal;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.security.auth.message.callback.CallerPrincipalCallback;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;

import javax.security.auth.callback.Callback;

/**
 * What Jakarta Security's {@code @AutoApplySession} does (Soteria's interceptor, at its priority, so that it runs
 * before {@code @LoginToContinue}'s): a request whose session already has a caller is that caller's, without asking
 * the mechanism; after a successful login the container is told to keep the caller in the session
 * ({@code jakarta.servlet.http.registerSession}). Unlike it, a request its API token authenticated
 * ({@link PorticoAuthentication#BEARER}) registers no session: the token is for that request alone, and a session
 * would outlive its revocation.
 */
@AppliesSession
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 200)
public class AppliesSessionInterceptor implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final String REGISTER_SESSION = "jakarta.servlet.http.registerSession";

    @AroundInvoke
    public Object intercept(InvocationContext invocation) throws Exception {
        Object[] parameters = invocation.getParameters();
        if (!"validateRequest".equals(invocation.getMethod().getName()) || parameters.length != 3
                || !(parameters[2] instanceof HttpMessageContext context)) {
            return invocation.proceed();
        }
        Principal principal = context.getRequest().getUserPrincipal();
        if (principal != null) {
            context.getHandler().handle(new Callback[] {
                new CallerPrincipalCallback(context.getClientSubject(), principal)});
            return AuthenticationStatus.SUCCESS;
        }
        Object outcome = invocation.proceed();
        if (AuthenticationStatus.SUCCESS.equals(outcome)
                && context.getRequest().getAttribute(PorticoAuthentication.BEARER) == null) {
            context.getMessageInfo().getMap().put(REGISTER_SESSION, Boolean.TRUE.toString());
        }
        return outcome;
    }
}
