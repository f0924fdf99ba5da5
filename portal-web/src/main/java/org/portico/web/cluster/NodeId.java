package org.portico.web.cluster;

import java.security.SecureRandom;
import java.util.HexFormat;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * This node's name in job leases: WildFly's {@code jboss.node.name} (the host name unless set) and a random suffix
 * drawn at every start. The suffix makes a restarted node a new holder, so it never mistakes a lease taken before its
 * restart for its own, and two nodes started with the same name still differ.
 */
@ApplicationScoped
public class NodeId {

    private final String id;

    public NodeId() {
        byte[] random = new byte[4];
        new SecureRandom().nextBytes(random);
        String name = System.getProperty("jboss.node.name", "node");
        if (name.length() > 80) {
            name = name.substring(0, 80);
        }
        this.id = name + "-" + HexFormat.of().formatHex(random);
    }

    /** At most 89 characters; the same for the life of this deployment. */
    public String id() {
        return id;
    }
}
