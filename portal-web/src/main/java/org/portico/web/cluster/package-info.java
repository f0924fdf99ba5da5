/**
 * State shared by the nodes of a cluster through the one database they all use, without cluster messaging:
 * change markers ({@link org.portico.web.cluster.ChangeMarkers}) that tell every node within a second which of its
 * caches are stale, and job leases ({@link org.portico.web.cluster.Leases}) that let a scheduled job run on one node
 * at a time. A leaf: it knows topics and job names as strings, never the features that use them; features depend on
 * it, not the other way round.
 */
package org.portico.web.cluster;
