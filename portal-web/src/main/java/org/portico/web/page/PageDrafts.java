package org.portico.web.page;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.SessionScoped;

/**
 * The unsaved drafts of the page editors open in this session, for "preview as role": the editor keeps its draft
 * here under a random key after every change, and the preview page (a GET, in its own tab, built fresh so that each
 * kind renders exactly as on the live page) shows the draft of its key. Bounded: the oldest drafts are forgotten.
 */
@SessionScoped
public class PageDrafts implements Serializable {

    private static final long serialVersionUID = 1L;
    static final int KEPT = 10;

    private final Map<String, PortalPage> drafts = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, PortalPage> eldest) {
            return size() > KEPT;
        }
    };

    /** Keeps the draft under this key, forgetting the oldest beyond {@value #KEPT}. */
    public synchronized void keep(String key, PortalPage draft) {
        drafts.put(key, draft);
    }

    /** The draft kept under this key in this session, if any. */
    public synchronized Optional<PortalPage> find(String key) {
        return Optional.ofNullable(key == null ? null : drafts.get(key));
    }
}
