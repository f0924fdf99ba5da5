package org.portico.web.page;

import static org.portico.web.json.Jsons.JSON;

import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.portico.web.problem.FieldMessage;

/**
 * A page as stored: its own fields in columns and its widgets as one JSON array ({@code V16__portal_pages.sql}).
 * Written only by {@link PageService}, after {@link PageRules} passed.
 */
@Entity
@Table(name = "portico_page")
public class StoredPage {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, unique = true, length = 63, updatable = false)
    private String slug;

    @Column(nullable = false, length = 100)
    private String title;

    @Column(nullable = false, length = 200)
    private String roles;

    @Column(name = "in_navigation", nullable = false)
    private boolean inNavigation;

    @Column(name = "nav_order", nullable = false)
    private int navOrder;

    @Column(nullable = false)
    private String widgets;

    @Version
    @Column(nullable = false)
    private long revision;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "updated_by", nullable = false, length = 64)
    private String updatedBy;

    protected StoredPage() {
        // for JPA
    }

    StoredPage(PortalPage page, Instant now, String by) {
        this.slug = page.slug();
        apply(page, now, by);
    }

    void apply(PortalPage page, Instant now, String by) {
        this.title = page.title();
        this.roles = String.join(",", new TreeSet<>(page.roles()));
        this.inNavigation = page.inNavigation();
        this.navOrder = page.navOrder();
        JsonArrayBuilder array = JSON.createArrayBuilder();
        page.widgets().forEach(widget -> array.add(PageJson.write(widget)));
        this.widgets = array.build().toString();
        this.updatedAt = now;
        this.updatedBy = by;
    }

    PortalPage toPage() {
        List<Widget> placed = new ArrayList<>();
        List<FieldMessage> ignored = new ArrayList<>();
        try (JsonReader reader = JSON.createReader(new StringReader(widgets))) {
            JsonArray array = reader.readArray();
            for (int i = 0; i < array.size(); i++) {
                PageJson.readWidget(array.getJsonObject(i), "widgets/" + i + "/", ignored).ifPresent(placed::add);
            }
        }
        Set<String> roleSet = new TreeSet<>(Arrays.asList(roles.split(",")));
        roleSet.remove("");
        return new PortalPage(slug, title, roleSet, inNavigation, navOrder, placed);
    }

    Long getId() {
        return id;
    }

    String getSlug() {
        return slug;
    }

    long getRevision() {
        return revision;
    }

    Instant getUpdatedAt() {
        return updatedAt;
    }

    String getUpdatedBy() {
        return updatedBy;
    }

    /** The page's JSON with its widgets, as a version keeps it. */
    JsonObject snapshot() {
        return PageJson.write(toPage());
    }
}
