package org.portico.web.rest;

import static org.portico.web.json.Jsons.JSON;

import java.util.List;
import java.util.function.Function;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/**
 * One page of an admin list in the REST API: {@code ?first=&max=} clamped to sane values, answered as
 * {@code {"total": n, "items": [...]}}.
 *
 * @param first index of the first item, at least 0
 * @param size  most items on the page, 1 to {@value #MAX_SIZE}
 */
record Page(int first, int size) {

    /** Most items one request may ask for. */
    static final int MAX_SIZE = 200;

    /** The page the query parameters ask for, clamped. */
    static Page of(int first, int max) {
        return new Page(Math.max(0, first), Math.min(Math.max(1, max), MAX_SIZE));
    }

    /** The JSON answer: the total and the page's items, each written by {@code write}. */
    static <T> JsonObject answer(long total, List<T> items, Function<? super T, JsonObjectBuilder> write) {
        JsonArrayBuilder array = JSON.createArrayBuilder();
        items.forEach(item -> array.add(write.apply(item)));
        return JSON.createObjectBuilder().add("total", total).add("items", array).build();
    }
}
