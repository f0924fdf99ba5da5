package org.portico.cdn.encoding;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A client's {@code Accept-Encoding} (RFC 9110 section 12.5.3), reduced to what Portico can send: a quality per
 * {@link ContentEncoding}.
 *
 * <p>Lenient like browsers' servers are: an unreadable member is skipped, a malformed quality counts as 1. No field at
 * all means the client takes identity only (the safe reading: RFC 9110 allows any coding then, but old proxies break
 * on them). {@code identity} stays acceptable unless excluded by {@code identity;q=0} or by {@code *;q=0} without it.
 *
 * <p>Immutable and thread-safe.
 */
public final class AcceptEncoding {

    /** Longest field Portico reads; longer ones are treated as absent. */
    public static final int MAX_FIELD_LENGTH = 4096;

    private static final AcceptEncoding IDENTITY_ONLY = new AcceptEncoding(Map.of(ContentEncoding.IDENTITY, 1.0));
    private static final ContentEncoding[] ALL = ContentEncoding.values();

    /**
     * Fields read before, by their one line: browsers send a handful of distinct ones, and an asset's answer (a 304
     * above all) is otherwise mostly this parse. Bounded: the first {@value #REMEMBERED} lines seen are kept, a client
     * that sends new ones each time only gets them parsed.
     */
    private static final int REMEMBERED = 64;
    private static final Map<String, AcceptEncoding> SEEN = new ConcurrentHashMap<>();

    private final Map<ContentEncoding, Double> qualities;

    private AcceptEncoding(Map<ContentEncoding, Double> qualities) {
        this.qualities = qualities;
    }

    /**
     * Reads the field lines of {@code Accept-Encoding}.
     *
     * @param fieldLines the lines as received, none when the client sent no such field
     */
    public static AcceptEncoding parse(List<String> fieldLines) {
        if (fieldLines.size() == 1) {
            String line = fieldLines.get(0);
            AcceptEncoding seen = SEEN.get(line);
            if (seen == null) {
                seen = read(fieldLines);
                if (SEEN.size() < REMEMBERED) {
                    SEEN.putIfAbsent(line, seen);
                }
            }
            return seen;
        }
        return read(fieldLines);
    }

    private static AcceptEncoding read(List<String> fieldLines) {
        if (fieldLines.isEmpty() || fieldLines.stream().mapToInt(String::length).sum() > MAX_FIELD_LENGTH) {
            return IDENTITY_ONLY;
        }
        Map<ContentEncoding, Double> explicit = new EnumMap<>(ContentEncoding.class);
        Double any = null;
        for (String line : fieldLines) {
            for (String member : line.split(",")) {
                String[] parts = member.split(";");
                String token = parts[0].strip();
                if (token.isEmpty()) {
                    continue;
                }
                double quality = quality(parts);
                if (token.equals("*")) {
                    any = quality;
                } else {
                    ContentEncoding.ofToken(token).ifPresent(encoding -> explicit.merge(encoding, quality, Math::max));
                }
            }
        }
        Map<ContentEncoding, Double> qualities = new EnumMap<>(ContentEncoding.class);
        for (ContentEncoding encoding : ContentEncoding.values()) {
            Double quality = explicit.get(encoding);
            if (quality == null && encoding == ContentEncoding.IDENTITY) {
                quality = any != null && any == 0 ? 0.0 : 1.0;
            } else if (quality == null) {
                quality = any;
            }
            if (quality != null && quality > 0) {
                qualities.put(encoding, quality);
            }
        }
        return new AcceptEncoding(qualities);
    }

    /**
     * The coding to send among those {@code available}: the one with the highest quality, ties broken by Portico's
     * preference ({@link ContentEncoding} order). Identity when nothing available is acceptable: a client that refuses
     * identity and every coding Portico has still gets the content rather than a 406, as most servers do.
     */
    public ContentEncoding choose(Set<ContentEncoding> available) {
        ContentEncoding best = ContentEncoding.IDENTITY;
        double bestQuality = 0;
        for (ContentEncoding encoding : ALL) {
            Double quality = qualities.get(encoding);
            if (quality != null && quality > bestQuality
                    && (available.contains(encoding) || encoding == ContentEncoding.IDENTITY)) {
                best = encoding;
                bestQuality = quality;
            }
        }
        return best;
    }

    private static double quality(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].strip();
            if (parameter.length() > 2 && (parameter.charAt(0) == 'q' || parameter.charAt(0) == 'Q')
                    && parameter.charAt(1) == '=') {
                try {
                    double quality = Double.parseDouble(parameter.substring(2));
                    return quality >= 0 && quality <= 1 ? quality : 1;
                } catch (NumberFormatException e) {
                    return 1;
                }
            }
        }
        return 1;
    }
}
