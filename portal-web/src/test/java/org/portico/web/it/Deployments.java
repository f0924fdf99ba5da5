package org.portico.web.it;

import java.io.File;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The WAR under test is the one the build produced, exactly as users deploy it. */
public final class Deployments {

    private Deployments() {
    }

    public static WebArchive portico() {
        File war = new File(System.getProperty("portico.it.war", "target/portico.war"));
        if (!war.isFile()) {
            throw new IllegalStateException("Build the WAR first (mvn package); not found: " + war.getAbsolutePath());
        }
        return ShrinkWrap.createFromZipFile(WebArchive.class, war);
    }
}
