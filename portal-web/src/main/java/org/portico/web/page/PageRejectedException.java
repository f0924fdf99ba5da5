package org.portico.web.page;

import java.util.List;
import java.util.stream.Collectors;

import org.portico.web.problem.FieldMessage;
import org.portico.web.problem.RejectedException;

/** A page change that was not made, and why; the REST API answers it as problem+json, the editor next to the inputs. */
public abstract sealed class PageRejectedException extends RejectedException
        permits PageRejectedException.InvalidPage, PageRejectedException.PageNotFound,
        PageRejectedException.SlugTaken, PageRejectedException.StalePage, PageRejectedException.HomeKept {

    private static final long serialVersionUID = 1L;

    PageRejectedException(int status, String type, String key, Object... params) {
        super(status, type, key, params);
    }

    PageRejectedException(List<FieldMessage> errors) {
        super(400, "invalid-page", errors, errors.stream().map(error -> error.field() + ": " + error.message())
                .collect(Collectors.joining("; ")));
    }

    /** Fields of the page or of its widgets are not valid. */
    public static final class InvalidPage extends PageRejectedException {
        private static final long serialVersionUID = 1L;

        public InvalidPage(List<FieldMessage> errors) {
            super(errors);
        }
    }

    public static final class PageNotFound extends PageRejectedException {
        private static final long serialVersionUID = 1L;

        public PageNotFound(String slug) {
            super(404, "page-not-found", "problem.page.not-found", slug);
        }
    }

    public static final class SlugTaken extends PageRejectedException {
        private static final long serialVersionUID = 1L;

        public SlugTaken(String slug) {
            super(409, "page-conflict", "problem.page.slug-taken", slug);
        }
    }

    /** Someone else saved the page since it was read (optimistic locking on the version number). */
    public static final class StalePage extends PageRejectedException {
        private static final long serialVersionUID = 1L;

        public StalePage(String slug, String savedBy, String savedAt) {
            super(409, "page-conflict", "problem.page.stale", slug, savedBy, savedAt);
        }

        /** When the saver is not known (two saves raced at commit). */
        public StalePage(String slug) {
            super(409, "page-conflict", "problem.page.stale.unknown", slug);
        }

        /** The time of a save as the message shows it: ISO 8601, to the second, UTC. */
        public static String when(java.time.Instant savedAt) {
            return java.time.format.DateTimeFormatter.ISO_INSTANT.format(savedAt.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        }
    }

    /** The home page can be changed but not deleted, and keeps its slug. */
    public static final class HomeKept extends PageRejectedException {
        private static final long serialVersionUID = 1L;

        public HomeKept() {
            super(409, "page-conflict", "problem.page.home-kept");
        }
    }
}
