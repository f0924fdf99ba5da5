package org.portico.web.cms;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

import org.portico.web.problem.FieldMessage;
import org.portico.web.problem.RejectedException;

/** A CMS change that was not made, and why; the REST API answers it as problem+json, the editor next to the inputs. */
public abstract sealed class CmsRejectedException extends RejectedException
        permits CmsRejectedException.InvalidItem, CmsRejectedException.ItemNotFound, CmsRejectedException.KeyTaken,
        CmsRejectedException.StaleItem, CmsRejectedException.VersionNotFound {

    private static final long serialVersionUID = 1L;

    CmsRejectedException(int status, String type, String key, Object... params) {
        super(status, type, key, params);
    }

    CmsRejectedException(List<FieldMessage> errors) {
        super(400, "invalid-cms-item", errors, errors.stream().map(error -> error.field() + ": " + error.message())
                .collect(Collectors.joining("; ")));
    }

    /** Fields of the item are not valid (or a schedule is in the past). */
    public static final class InvalidItem extends CmsRejectedException {
        private static final long serialVersionUID = 1L;

        public InvalidItem(List<FieldMessage> errors) {
            super(errors);
        }
    }

    public static final class ItemNotFound extends CmsRejectedException {
        private static final long serialVersionUID = 1L;

        public ItemNotFound(String place) {
            super(404, "cms-item-not-found", "problem.cms.not-found", place);
        }
    }

    public static final class VersionNotFound extends CmsRejectedException {
        private static final long serialVersionUID = 1L;

        public VersionNotFound(String place, long revision) {
            super(404, "cms-item-not-found", "problem.cms.version-not-found", place, String.valueOf(revision));
        }
    }

    /** The key is taken in that language, or, for a page, by a portal page (one namespace at {@code /p/}). */
    public static final class KeyTaken extends CmsRejectedException {
        private static final long serialVersionUID = 1L;

        public KeyTaken(String place) {
            super(409, "cms-conflict", "problem.cms.key-taken", place);
        }

        public static KeyTaken byPortalPage(String slug) {
            return new KeyTaken(slug, true);
        }

        private KeyTaken(String slug, boolean portalPage) {
            super(409, "cms-conflict", "problem.cms.slug-portal-page", slug);
        }
    }

    /** Someone else changed the item since it was read (optimistic locking). */
    public static final class StaleItem extends CmsRejectedException {
        private static final long serialVersionUID = 1L;

        public StaleItem(String place, String changedBy, Instant changedAt) {
            super(409, "cms-conflict", "problem.cms.stale", place, changedBy,
                    java.time.format.DateTimeFormatter.ISO_INSTANT.format(
                            changedAt.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)));
        }

        /** When the other change is not known (two saves raced at commit). */
        public StaleItem(String place) {
            super(409, "cms-conflict", "problem.cms.stale.unknown", place);
        }
    }
}
