package org.portico.web.architecture;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import jakarta.enterprise.context.NormalScope;
import jakarta.enterprise.context.SessionScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Provider;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Every session- and view-scoped bean lives in the HTTP session, which a cluster replicates to the other nodes
 * ({@code <distributable/>} in web.xml): the beans, and everything they hold, must survive serialization, and what they
 * have injected must still be there afterwards. Weld checks the injected dependencies when the WAR is deployed (a
 * non-passivation-capable one fails the deployment); this checks the rest without a server: a new instance of each
 * bean (its fields' initial values: forms, models, maps) makes the round trip through Java serialization, and no
 * injected field is {@code transient}, which would leave it null on the node that reads the session.
 */
class ReplicatedBeansTest {

    private static final List<Class<?>> BEANS = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.portico.web").stream()
            .filter(c -> c.isAnnotatedWith(SessionScoped.class) || c.isAnnotatedWith(ViewScoped.class))
            .map(JavaClass::reflect)
            .toList();

    @Test
    void theBeansAreFound() {
        assertTrue(BEANS.size() >= 14, "session- and view-scoped beans: " + BEANS);
    }

    @Test
    void everyBeanIsSerializableAndSurvivesTheRoundTrip() {
        assertAll(BEANS.stream().map(bean -> (Executable) () -> {
            assertTrue(Serializable.class.isAssignableFrom(bean), bean + " is Serializable");
            Constructor<?> constructor = bean.getDeclaredConstructor();
            constructor.setAccessible(true);
            Object copy = roundTrip(constructor.newInstance());
            assertNotNull(copy, bean.getName());
        }));
    }

    @Test
    void noInjectedFieldIsTransient() {
        List<String> transientInjections = new ArrayList<>();
        for (Class<?> bean : BEANS) {
            for (Field field : bean.getDeclaredFields()) {
                if (field.isAnnotationPresent(Inject.class) && Modifier.isTransient(field.getModifiers())) {
                    transientInjections.add(bean.getSimpleName() + "." + field.getName());
                }
            }
        }
        assertTrue(transientInjections.isEmpty(), "null after replication: " + transientInjections);
    }

    /**
     * What each bean has injected is passivation capable the way Weld checks it: a bean of a normal scope (reached
     * through its client proxy, which serializes as a reference), or one of the JDK's serializable values. Not a
     * {@code @Singleton} producer's object, serializable or not (Weld refuses pseudo-scoped dependencies when the WAR is
     * deployed: WELD-001413), and not through {@code Instance} or {@code Provider} either: Weld accepts those when
     * deploying, then refuses the product at its first {@code get()} (WELD-000054; the CMS editor's "Share for review"
     * failed that way). So Portico's own types must be of a normal scope.
     */
    @Test
    void everyInjectedDependencyIsPassivationCapable() {
        List<String> refused = new ArrayList<>();
        for (Class<?> bean : BEANS) {
            for (Field field : bean.getDeclaredFields()) {
                if (field.isAnnotationPresent(Inject.class) && !passivationCapable(field.getType())) {
                    refused.add(bean.getSimpleName() + "." + field.getName() + " (" + field.getType().getSimpleName() + ")");
                }
            }
        }
        assertTrue(refused.isEmpty(), "neither of a normal scope nor serializable: " + refused);
    }

    private static boolean passivationCapable(Class<?> type) {
        if (type == Instance.class || type == Provider.class) {
            return false;
        }
        if (type == Clock.class) {
            return Clock.systemUTC() instanceof Serializable; // what config.ClockProducer makes; Weld checks the object
        }
        return type.getName().startsWith("java.") && Serializable.class.isAssignableFrom(type)
                || Arrays.stream(type.getAnnotations())
                .anyMatch(annotation -> annotation.annotationType().isAnnotationPresent(NormalScope.class));
    }

    private static Object roundTrip(Object bean) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(bean);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return in.readObject();
        }
    }
}
