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
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.SessionScoped;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;

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
