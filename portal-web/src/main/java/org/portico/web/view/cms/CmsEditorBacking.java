package org.portico.web.view.cms;

import java.io.IOException;
import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletResponse;

import org.omnifaces.util.Faces;
import org.omnifaces.util.Messages;
import org.portico.cms.spi.ContentKind;
import org.portico.web.cms.CmsDiff;
import org.portico.web.cms.CmsDraft;
import org.portico.web.cms.CmsItemInfo;
import org.portico.web.cms.CmsRejectedException;
import org.portico.web.cms.CmsRules;
import org.portico.web.cms.CmsService;
import org.portico.web.cms.CmsVersionInfo;
import org.portico.web.cms.ReviewLinks;
import org.portico.web.i18n.Texts;
import org.portico.web.media.MediaInfo;
import org.portico.web.media.MediaRejectedException;
import org.portico.web.media.MediaStore;
import org.portico.web.media.PrivateMediaHtml;
import org.portico.web.page.Viewer;
import org.portico.web.security.CurrentUser;
import org.portico.web.settings.PorticoIssuer;
import org.portico.web.view.admin.FormMessages;
import org.portico.web.view.media.MediaLinks;

/**
 * The editor of one item of the built-in CMS, {@code /cms/edit.xhtml?kind=page&key=about&lang=en}: its draft (title,
 * summary, readers, the body in PrimeFaces' text editor), saving, publishing, taking offline, the schedule (in UTC, as
 * every Portico page states times), the versions with what changed and "restore", and a preview in the real layout.
 * A change made meanwhile by someone else is refused with who and when, and the editor offers "reload" (theirs) or
 * "overwrite" (mine): nothing typed is lost until the editor chooses.
 */
@Named
@ViewScoped
public class CmsEditorBacking implements Serializable {

    private static final long serialVersionUID = 1L;
    /** Images listed under the editor at most. */
    static final int IMAGES_LISTED = 50;

    @Inject
    CmsService cms;

    @Inject
    CurrentUser currentUser;

    @Inject
    ReviewLinks reviewLinks;

    @Inject
    MediaLinks mediaLinks;

    @Inject
    MediaStore mediaStore;

    private String kind;
    private String key;
    private String lang;

    private CmsItemInfo item;
    private String title;
    private String summary;
    private String body;
    private List<String> roles = new ArrayList<>();
    private LocalDateTime publishAt;
    private LocalDateTime unpublishAt;
    private List<CmsVersionInfo> versions = List.of();
    private CmsDiff diff;
    private String staleMessage;
    private int reviewDays = 7;
    private String reviewLink;

    /** {@code f:viewAction}: the item the parameters name, else the friendly 404. */
    public void load() throws IOException {
        if (item != null) {
            return;
        }
        ContentKind contentKind = CmsRules.kind(kind);
        Locale locale = CmsRules.locale(lang);
        CmsItemInfo found = contentKind == null || locale == null || key == null ? null
                : cms.find(contentKind, key, locale).orElse(null);
        if (found == null) {
            Faces.responseSendError(HttpServletResponse.SC_NOT_FOUND, "No such content");
            Faces.responseComplete();
            return;
        }
        show(found);
    }

    private void show(CmsItemInfo shown) {
        item = shown;
        CmsDraft draft = shown.draft();
        title = draft.title();
        summary = draft.summary();
        body = draft.bodyHtml();
        roles = new ArrayList<>(draft.roles());
        publishAt = utc(shown.publishAt());
        unpublishAt = utc(shown.unpublishAt());
        versions = cms.versions(shown.kind(), shown.key(), shown.locale());
        staleMessage = null;
        diff = null;
    }

    // ---- actions -------------------------------------------------------------------------------------------

    public void save() {
        change(() -> cms.save(item.kind(), item.key(), item.locale(), draft(), item.lockVersion(), user()),
                "cms.editor.saved");
    }

    /** Saves what is typed and publishes it. */
    public void publish() {
        change(() -> {
            CmsItemInfo saved = cms.save(item.kind(), item.key(), item.locale(), draft(), item.lockVersion(), user());
            return cms.publish(item.kind(), item.key(), item.locale(), saved.lockVersion(), user());
        }, "cms.editor.published");
    }

    /**
     * Marks an image of the text private or public (the text is not saved by this); the list under the editor shows
     * the new mark.
     */
    public void markImage(String sha256, boolean privateFile) {
        try {
            MediaInfo image = mediaStore.mark(sha256, privateFile, user());
            Messages.addGlobalInfo(privateFile ? "cms.media.marked.private" : "cms.media.marked.public",
                    image.name());
        } catch (MediaRejectedException refusal) {
            Messages.addGlobalError(refusal.messageKey(), refusal.messageParams());
        }
    }

    /** The store's images the saved text shows (at most {@value #IMAGES_LISTED}), with their marks. */
    public List<MediaInfo> getImages() {
        return PrivateMediaHtml.names(body, IMAGES_LISTED).stream().map(mediaStore::find)
                .flatMap(Optional::stream).toList();
    }

    public void unpublish() {
        change(() -> cms.unpublish(item.kind(), item.key(), item.locale(), item.lockVersion(), user()),
                "cms.editor.unpublished");
    }

    public void schedule() {
        change(() -> cms.schedule(item.kind(), item.key(), item.locale(), instant(publishAt), instant(unpublishAt),
                item.lockVersion(), user()), "cms.editor.scheduled");
    }

    public void restore(CmsVersionInfo version) {
        change(() -> cms.restore(item.kind(), item.key(), item.locale(), version.revision(), item.lockVersion(), user()),
                "cms.editor.restored", version.revision());
    }

    /** What changed from {@code version} to the draft as last saved. */
    public void compare(CmsVersionInfo version) {
        diff = cms.diff(item.kind(), item.key(), item.locale(), version.revision(), item.draftRevision());
    }

    public void delete() throws IOException {
        try {
            cms.delete(item.kind(), item.key(), item.locale(), item.lockVersion(), user());
            Messages.addFlashGlobalInfo("cms.editor.deleted", item.key());
            Faces.redirect("cms/index.xhtml");
        } catch (CmsRejectedException refusal) {
            refused(refusal);
        }
    }

    /**
     * A signed link to the draft as last saved, for reviewers who are not its editors, valid for {@link #reviewDays}:
     * it shows that version even after later edits (save first to share what is typed).
     */
    public void shareForReview() {
        reviewLink = reviewLinks.create(item.kind(), item.key(), item.locale(), item.draftRevision(), reviewDays);
    }

    /** "Overwrite" after a refused change: what is typed, saved on the item as it is now. */
    public void overwrite() {
        CmsItemInfo now = cms.find(item.kind(), item.key(), item.locale()).orElse(null);
        if (now == null) {
            Messages.addGlobalError("cms.editor.gone");
            return;
        }
        CmsDraft mine = draft();
        item = now;
        change(() -> cms.save(now.kind(), now.key(), now.locale(), mine, now.lockVersion(), user()), "cms.editor.saved");
    }

    /** "Reload" after a refused change: the item as it is now, what was typed forgotten. */
    public void reload() {
        cms.find(item.kind(), item.key(), item.locale()).ifPresentOrElse(this::show,
                () -> Messages.addGlobalError("cms.editor.gone"));
    }

    private interface Change {
        CmsItemInfo make();
    }

    private void change(Change change, String doneKey, Object... params) {
        try {
            CmsItemInfo changed = change.make();
            show(changed);
            Messages.addGlobalInfo(doneKey, params);
        } catch (CmsRejectedException refusal) {
            refused(refusal);
        }
    }

    private void refused(CmsRejectedException refusal) {
        if (refusal instanceof CmsRejectedException.StaleItem stale) {
            staleMessage = Texts.format(Faces.getLocale(), stale.messageKey(), stale.messageParams());
        } else {
            FormMessages.ofCurrentForm().refused(refusal);
        }
        Faces.validationFailed();
    }

    private CmsDraft draft() {
        return new CmsDraft(title, summary, body, item.kind() == ContentKind.PAGE ? new TreeSet<>(roles)
                : Set.of());
    }

    private String user() {
        return currentUser.getUsername();
    }

    private static LocalDateTime utc(Instant instant) {
        return instant == null ? null : LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant instant(LocalDateTime utc) {
        return utc == null ? null : utc.toInstant(ZoneOffset.UTC);
    }

    // ---- view ----------------------------------------------------------------------------------------------

    public boolean isPage() {
        return item != null && item.kind() == ContentKind.PAGE;
    }

    /** Where readers see the page; null for a block or a page not published. */
    public String getLivePath() {
        return isPage() && item.publishedRevision() != null ? "/p/" + item.key() : null;
    }

    /** Where the draft is shown in the real layout. */
    public String getPreviewPath() {
        return "/cms/preview.xhtml?kind=" + kind + "&key=" + item.key() + "&lang=" + item.languageTag();
    }

    public List<String> getAllRoles() {
        return List.of("end-user", "content-editor", "site-admin", Viewer.GUEST);
    }

    public String getKind() { return kind; }
    public void setKind(String kind) { this.kind = kind; }
    public String getKey() { return key; }
    public void setKey(String key) { this.key = key; }
    public String getLang() { return lang; }
    public void setLang(String lang) { this.lang = lang; }
    public CmsItemInfo getItem() { return item; }
    public String getTitle() { return title; }
    public void setTitle(String title) { this.title = title; }
    public String getSummary() { return summary; }
    public void setSummary(String summary) { this.summary = summary; }
    /** The body with private images signed, so the editor shows them; the store keeps their paths ({@link #setBody}). */
    public String getBody() { return mediaLinks.html(body); }
    public void setBody(String body) { this.body = mediaLinks.asStored(body); }
    public List<String> getRoles() { return roles; }
    public void setRoles(List<String> roles) { this.roles = roles; }
    public LocalDateTime getPublishAt() { return publishAt; }
    public void setPublishAt(LocalDateTime publishAt) { this.publishAt = publishAt; }
    public LocalDateTime getUnpublishAt() { return unpublishAt; }
    public void setUnpublishAt(LocalDateTime unpublishAt) { this.unpublishAt = unpublishAt; }
    public List<CmsVersionInfo> getVersions() { return versions; }
    public CmsDiff getDiff() { return diff; }
    public String getStaleMessage() { return staleMessage; }
    public int getReviewDays() { return reviewDays; }
    public void setReviewDays(int reviewDays) { this.reviewDays = reviewDays; }
    public String getReviewLink() { return reviewLink; }
}
