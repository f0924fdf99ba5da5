package org.portico.web.view.cms;

import java.io.IOException;
import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.omnifaces.util.Faces;
import org.portico.cms.spi.ContentKind;
import org.portico.web.cms.CmsDraft;
import org.portico.web.cms.CmsItemInfo;
import org.portico.web.cms.CmsRejectedException;
import org.portico.web.cms.CmsService;
import org.portico.web.security.CurrentUser;
import org.portico.web.view.admin.FormMessages;

/**
 * The content editor's list of the built-in CMS, {@code /cms/index.xhtml}: every page and block in every language,
 * the most recently changed first, searched by slug or title and filtered by kind and status; "New" creates a draft
 * and opens it in the editor.
 */
@Named
@ViewScoped
public class CmsListBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    CmsService cms;

    @Inject
    CurrentUser currentUser;

    private String query;
    private ContentKind kind;
    private CmsItemInfo.Status status;
    private List<CmsItemInfo> items;

    private ContentKind newKind = ContentKind.PAGE;
    private String newKey;
    private String newLanguage;
    private String newTitle;

    @PostConstruct
    void init() {
        search();
        newLanguage = Faces.getLocale().getLanguage();
    }

    public void search() {
        items = cms.list(new CmsService.Query(kind, status, query));
    }

    public void prepareCreate() {
        newKind = ContentKind.PAGE;
        newKey = null;
        newTitle = null;
        newLanguage = Faces.getLocale().getLanguage();
    }

    /** Creates the draft (a page for the three signed-in roles, a block for where it is placed) and opens it. */
    public void create() throws IOException {
        CmsDraft draft = new CmsDraft(newTitle, "", "",
                newKind == ContentKind.PAGE ? Set.of("end-user", "content-editor", "site-admin") : Set.of());
        try {
            CmsItemInfo created = cms.create(newKind, newKey, newLanguage, draft, currentUser.getUsername());
            Faces.redirect(editPath(created).substring(1));
        } catch (CmsRejectedException refusal) {
            FormMessages messages = FormMessages.ofCurrentForm();
            if (refusal instanceof CmsRejectedException.KeyTaken) {
                messages.refused("key", refusal);
            } else {
                messages.refused(refusal);
            }
            Faces.validationFailed();
        }
    }

    /** Where an item is edited, from the context root. */
    public static String editPath(CmsItemInfo item) {
        return "/cms/edit.xhtml?kind=" + item.kind().name().toLowerCase(Locale.ROOT) + "&key=" + item.key()
                + "&lang=" + item.languageTag();
    }

    public String edit(CmsItemInfo item) {
        return editPath(item);
    }

    public ContentKind[] getKinds() { return ContentKind.values(); }
    public CmsItemInfo.Status[] getStatuses() { return CmsItemInfo.Status.values(); }
    public List<CmsItemInfo> getItems() { return items; }
    public String getQuery() { return query; }
    public void setQuery(String query) { this.query = query; }
    public ContentKind getKind() { return kind; }
    public void setKind(ContentKind kind) { this.kind = kind; }
    public CmsItemInfo.Status getStatus() { return status; }
    public void setStatus(CmsItemInfo.Status status) { this.status = status; }
    public ContentKind getNewKind() { return newKind; }
    public void setNewKind(ContentKind newKind) { this.newKind = newKind; }
    public String getNewKey() { return newKey; }
    public void setNewKey(String newKey) { this.newKey = newKey; }
    public String getNewLanguage() { return newLanguage; }
    public void setNewLanguage(String newLanguage) { this.newLanguage = newLanguage; }
    public String getNewTitle() { return newTitle; }
    public void setNewTitle(String newTitle) { this.newTitle = newTitle; }
}
