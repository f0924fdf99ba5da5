package org.portico.web.view.admin.pages;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

import org.portico.web.page.PortalPage;

/** A page's own fields as the create dialog and the editor's settings take them: title, roles, navigation. */
public class PageSettingsForm implements Serializable {

    private static final long serialVersionUID = 1L;

    private String slug;
    private String title;
    private List<String> roles = new ArrayList<>(List.of("end-user"));
    private boolean inNavigation = true;
    private int navOrder = 10;

    void load(PortalPage page) {
        slug = page.slug();
        title = page.title();
        roles = new ArrayList<>(page.roles());
        inNavigation = page.inNavigation();
        navOrder = page.navOrder();
    }

    public String getSlug() { return slug; }
    public void setSlug(String slug) { this.slug = slug == null ? null : slug.strip(); }
    public String getTitle() { return title; }
    public void setTitle(String title) { this.title = title == null ? null : title.strip(); }
    public List<String> getRoles() { return roles; }
    public void setRoles(List<String> roles) { this.roles = roles == null ? new ArrayList<>() : new ArrayList<>(roles); }
    public boolean isInNavigation() { return inNavigation; }
    public void setInNavigation(boolean inNavigation) { this.inNavigation = inNavigation; }
    public int getNavOrder() { return navOrder; }
    public void setNavOrder(int navOrder) { this.navOrder = navOrder; }
}
