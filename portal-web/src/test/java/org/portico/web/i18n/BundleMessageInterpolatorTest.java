package org.portico.web.i18n;

import java.lang.reflect.Proxy;
import java.util.Locale;
import java.util.Map;

import jakarta.validation.MessageInterpolator;
import jakarta.validation.metadata.ConstraintDescriptor;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Constraint messages written as bundle keys read in the locale asked for, with the constraint's min and max. */
class BundleMessageInterpolatorTest {

    private final BundleMessageInterpolator interpolator = new BundleMessageInterpolator();

    /** The context of a constraint with these attributes (only they are read). */
    private static MessageInterpolator.Context constraint(Map<String, Object> attributes) {
        ConstraintDescriptor<?> descriptor = (ConstraintDescriptor<?>) Proxy.newProxyInstance(
                ConstraintDescriptor.class.getClassLoader(), new Class<?>[] {ConstraintDescriptor.class},
                (proxy, method, args) -> method.getName().equals("getAttributes") ? attributes : null);
        return (MessageInterpolator.Context) Proxy.newProxyInstance(
                MessageInterpolator.Context.class.getClassLoader(), new Class<?>[] {MessageInterpolator.Context.class},
                (proxy, method, args) -> method.getName().equals("getConstraintDescriptor") ? descriptor : null);
    }

    @Test
    void aBundleKeyReadsInTheLocaleWithTheConstraintsBounds() {
        MessageInterpolator.Context size = constraint(Map.of("min", 10, "max", 256));
        MessageInterpolator.Context blank = constraint(Map.of());
        assertAll(
                () -> assertEquals("The password must have 10 to 256 characters.",
                        interpolator.interpolate("{admin.users.invalid.password-length}", size)),
                () -> assertEquals("Das Passwort muss 10 bis 256 Zeichen haben.",
                        interpolator.interpolate("{admin.users.invalid.password-length}", size, Locale.GERMAN)),
                () -> assertEquals("Enter the person's name.",
                        interpolator.interpolate("{admin.users.invalid.name-required}", blank, Locale.ENGLISH)),
                () -> assertEquals("Use 2 to 64 lower case letters, digits, '.', '-' or '_', starting with a letter or digit.",
                        interpolator.interpolate("{admin.users.invalid.username-pattern}", blank, Locale.ENGLISH)),
                () -> assertEquals("Enter the person's name.",
                        interpolator.interpolate("{admin.users.invalid.name-required}", blank, Locale.FRENCH),
                        "a language Portico does not speak reads English"));
    }
}
