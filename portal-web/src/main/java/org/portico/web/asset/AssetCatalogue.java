package org.portico.web.asset;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.portico.cdn.encoding.ContentEncoding;
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

    /** The answers of the assets read and compressed already, by served name: what {@link #findReady} gives. */
    private final Map<String, Content> ready = new ConcurrentHashMap<>();

    void start(@Observes @Initialized(ApplicationScoped.class) Object event) {
        AssetHandler.serve(this); // the instance itself: the handler calls it on every asset request, no proxy between
    }

    void stop(@Observes @BeforeDestroyed(ApplicationScoped.class) Object event) {
        AssetHandler.serve(null);
    }

    /**
     * The content a path below {@code /assets/} names, such as {@code css/portico.HbpQaHWSlgQc.css}; empty for a name
     * that is not fingerprinted, unknown, or stale.
     */
    public Optional<Content> find(String name) {
        Content known = ready.get(name);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<FingerprintedAsset> asset = name.startsWith(FacesResourceAssets.PREFIX)
                ? facesResources.findByFingerprintedName(name.substring(FacesResourceAssets.PREFIX.length()))
                : assets.findByFingerprintedName(name);
        return asset.map(found -> remember(name, found));
    }

    /**
     * Like {@link #find}, but only when the answer is ready: the asset read and compressed already, so that answering
     * blocks on nothing (Undertow's I/O threads answer such requests themselves); empty otherwise, also for names that
     * serve nothing.
     */
    public Optional<Content> findReady(String name) {
        Content known = ready.get(name);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<FingerprintedAsset> asset = name.startsWith(FacesResourceAssets.PREFIX)
                ? facesResources.findReadByFingerprintedName(name.substring(FacesResourceAssets.PREFIX.length()))
                : assets.findReadByFingerprintedName(name);
        return asset.filter(FingerprintedAsset::compressed).map(found -> remember(name, found));
    }

    /**
     * The answer of an asset, its representations built once; kept when the asset is compressed already (then it
     * never changes), which bounds the map by the assets there are (a name must carry the content's fingerprint).
     */
    private Content remember(String name, FingerprintedAsset asset) {
        boolean complete = asset.compressed();
        Map<ContentEncoding, Representation> representations = new EnumMap<>(ContentEncoding.class);
        for (ContentEncoding encoding : ContentEncoding.values()) {
            asset.representation(encoding).ifPresent(representation -> representations.put(encoding,
                    new Representation(EntityTag.strong(representation.opaqueTag(asset.hash())),
                            representation.encoding(), representation.buffer())));
        }
        Representation identity = representations.get(ContentEncoding.IDENTITY);
        Content content = new Content(contentType(asset.logicalPath()), asset.encodings(),
                encoding -> representations.getOrDefault(encoding, identity));
        if (complete) {
            ready.putIfAbsent(name, content);
        }
        return content;
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
