package org.portico.web.security;

import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import jakarta.interceptor.InterceptorBinding;

/**
 * On the authentication mechanism: a logged-in session's caller stays logged in, and a login (form or OpenID Connect)
 * starts such a session — Jakarta Security's {@code @AutoApplySession}, except that a request an API token
 * authenticated starts none ({@link AppliesSessionInterceptor}).
 */
@InterceptorBinding
@Retention(RUNTIME)
@Target(TYPE)
public @interface AppliesSession {
}
