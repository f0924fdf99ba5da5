package org.portico.web.i18n;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

import org.omnifaces.util.Faces;
import org.omnifaces.util.Messages;

/**
 * Makes OmniFaces {@link Messages} take bundle keys: {@code Messages.addGlobalError("admin.apps.saved", name)} shows
 * the text of {@code admin.apps.saved} in the current view's locale, formatted with {@code name}.
 */
@WebListener
public class MessagesResolver implements ServletContextListener {

    @Override
    public void contextInitialized(ServletContextEvent event) {
        Messages.setResolver((key, params) -> Texts.format(Faces.getLocale(), key, params));
    }
}
