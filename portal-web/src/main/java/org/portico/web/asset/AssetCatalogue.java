package org.portico.web.asset;

import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.portico.cdn.fingerprint.FingerprintedAsset;
import org.portico.cdn.fingerprint.FingerprintedAssets;
import org.portico.cdn.http.EntityTag;
import org.portico.web.asset.ImmutableContentServlet.Content;
import org.portico.web.asset.ImmutableContentServlet.Representation;

/**
 * Every fingerprinted asset by the path it is served under, below {@link AssetServlet#PATH}: Portico's own
 * ({@code css/portico.<fingerprint>.css}) and the Faces resources ({@code faces/primefaces/core.<fingerprint>.js}),
 * each with its codings and its type. {@link AssetHandler} serves them ahead of the servlet chain once the application
 * has started ({@link #start}), {@link AssetServlet} before that.
 */
@ApplicationScoped
public class AssetCatalogue {

    @Inject
    FingerprintedAssets assets;

    @Inject
    FacesResourceAssets facesResources;

    @Inject
    WebApplication application;

    void start(@Observes @Initialized(ApplicationScoped.class) Object event, AssetCatalogue self) {
        AssetHandler.serve(self);
    }

    void stop(@Observes @BeforeDestroyed(ApplicationScoped.class) Object event) {
        AssetHandler.serve(null);
    }

    /**
     * The content a path below {@code /assets/} names, such as {@code css/portico.HbpQaHWSlgQc.css}; empty for a name
     * that is not fingerprinted, unknown, or stale.
     */
    public Optional<Content> find(String name) {
        Optional<FingerprintedAsset> asset = name.startsWith(FacesResourceAssets.PREFIX)
                ? facesResources.findByFingerprintedName(name.substring(FacesResourceAssets.PREFIX.length()))
                : assets.findByFingerprintedName(name);
        return asset.map(this::content);
    }

    /**
     * Like {@link #find}, but only when the answer is ready: the asset read and compressed already, so that answering
     * blocks on nothing (Undertow's I/O threads answer such requests themselves); empty otherwise, also for names that
     * serve nothing.
     */
    public Optional<Content> findReady(String name) {
        Optional<FingerprintedAsset> asset = name.startsWith(FacesResourceAssets.PREFIX)
                ? facesResources.findReadByFingerprintedName(name.substring(FacesResourceAssets.PREFIX.length()))
                : assets.findReadByFingerprintedName(name);
        return asset.filter(FingerprintedAsset::compressed).map(this::content);
    }

    private Content content(FingerprintedAsset asset) {
        return new Content(contentType(asset.logicalPath()), asset.encodings(), encoding -> {
            FingerprintedAsset.Representation representation = asset.representation(encoding)
                    .orElseGet(() -> asset.representation(org.portico.cdn.encoding.ContentEncoding.IDENTITY)
                            .orElseThrow());
            return new Representation(EntityTag.strong(representation.opaqueTag(asset.hash())),
                    representation.encoding(), representation.buffer());
        });
    }

    /** The media type for a file name; text types get {@code charset=UTF-8}, which is what Portico's files are in. */
    String contentType(String logicalPath) {
        String type = application.servletContext().getMimeType(logicalPath);
        if (type == null) {
            return logicalPath.endsWith(".woff2") ? "font/woff2" : "application/octet-stream";
        }
        String lower = type.toLowerCase(Locale.ROOT);
        boolean text = lower.startsWith("text/") || lower.endsWith("javascript") || lower.endsWith("json")
                || lower.endsWith("+xml");
        return text && !lower.contains("charset") ? type + ";charset=UTF-8" : type;
    }
}
