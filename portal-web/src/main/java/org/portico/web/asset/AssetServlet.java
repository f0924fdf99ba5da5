package org.portico.web.asset;

import java.util.Locale;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServletResponse;

import org.portico.cdn.encoding.ContentEncoding;
import org.portico.cdn.fingerprint.FingerprintedAsset;
import org.portico.cdn.fingerprint.FingerprintedAssets;
import org.portico.cdn.http.EntityTag;

/**
 * Serves every static file the pages load under fingerprinted names: Portico's own (webapp folder
 * {@code /resources/portico/}) as {@code GET /assets/css/portico.<fingerprint>.css}, and the Faces resources
 * (PrimeFaces, its theme and fonts, Faces, OmniFaces; {@link FacesResourceAssets}) as
 * {@code GET /assets/faces/<library>/<name with fingerprint>}. Fingerprinted responses are cacheable for a year by
 * browsers and CDNs, because a changed file gets a new name; build the names with {@link AssetUrls}.
 *
 * <p>The answers are {@link ImmutableContentServlet}'s (precompressed brotli and gzip, ranges, 304), plus
 * {@code Access-Control-Allow-Origin: *}: from a CDN's host, fonts and the scripts and style sheets loaded with
 * Subresource Integrity are cross-origin requests, and nothing here is personal.
 */
@WebServlet(name = "portico-assets", urlPatterns = AssetServlet.PATH + "/*")
public class AssetServlet extends ImmutableContentServlet {

    /** Where fingerprinted assets are served, relative to the context path. */
    public static final String PATH = "/assets";

    private static final long serialVersionUID = 1L;

    @Inject
    transient FingerprintedAssets assets;

    @Inject
    transient FacesResourceAssets facesResources;

    @Override
    protected Optional<Content> find(String pathInfo) {
        String name = pathInfo == null ? "" : pathInfo.substring(1);
        Optional<FingerprintedAsset> asset = name.startsWith(FacesResourceAssets.PREFIX)
                ? facesResources.findByFingerprintedName(name.substring(FacesResourceAssets.PREFIX.length()))
                : assets.findByFingerprintedName(name);
        return asset.map(this::content);
    }

    @Override
    protected void addHeaders(HttpServletResponse response) {
        response.setHeader("Access-Control-Allow-Origin", "*");
    }

    private Content content(FingerprintedAsset asset) {
        return new Content(contentType(asset.logicalPath()), asset.encodings(), encoding -> {
            FingerprintedAsset.Representation representation = asset.representation(encoding)
                    .orElseGet(() -> asset.representation(ContentEncoding.IDENTITY).orElseThrow());
            return new Representation(EntityTag.strong(representation.opaqueTag(asset.hash())),
                    representation.encoding(), representation.length(), representation::writeTo);
        });
    }

    /** The media type for a file name; text types get {@code charset=UTF-8}, which is what Portico's files are in. */
    String contentType(String logicalPath) {
        String type = getServletContext().getMimeType(logicalPath);
        if (type == null) {
            return logicalPath.endsWith(".woff2") ? "font/woff2" : "application/octet-stream";
        }
        String lower = type.toLowerCase(Locale.ROOT);
        boolean text = lower.startsWith("text/") || lower.endsWith("javascript") || lower.endsWith("json")
                || lower.endsWith("+xml");
        return text && !lower.contains("charset") ? type + ";charset=UTF-8" : type;
    }
}
