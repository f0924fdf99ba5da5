package org.portico.web.page;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** A user's changes to one page ({@link PersonalLayout} as JSON). */
@Entity
@Table(name = "portico_personal_layout")
public class StoredPersonalLayout {

    @Embeddable
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;

        @Column(nullable = false, length = 64)
        private String username;

        @Column(name = "page_id", nullable = false)
        private Long pageId;

        protected Key() {
            // for JPA
        }

        Key(String username, Long pageId) {
            this.username = username;
            this.pageId = pageId;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(username, key.username)
                    && Objects.equals(pageId, key.pageId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(username, pageId);
        }
    }

    @EmbeddedId
    private Key key;

    @Column(nullable = false)
    private String layout;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected StoredPersonalLayout() {
        // for JPA
    }

    StoredPersonalLayout(String username, Long pageId, String layout, Instant now) {
        this.key = new Key(username, pageId);
        update(layout, now);
    }

    void update(String newLayout, Instant now) {
        this.layout = newLayout;
        this.updatedAt = now;
    }

    String getLayout() {
        return layout;
    }
}
