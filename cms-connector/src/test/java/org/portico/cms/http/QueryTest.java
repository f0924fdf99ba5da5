package org.portico.cms.http;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class QueryTest {

    @Test
    void namesAndValuesAreFormEncodedInOrder() {
        assertEquals("filters%5Bslug%5D%5B%24eq%5D=a%26b%3Dc+d&locale=de-CH&_fields=id%2Cslug&q=%C3%BCber%2F%3F%23",
                Query.of().add("filters[slug][$eq]", "a&b=c d").add("locale", "de-CH").add("_fields", "id,slug")
                        .add("q", "über/?#").toString());
    }

    @Test
    void emptyIsEmpty() {
        assertAll(
                () -> assertTrue(Query.of().isEmpty()),
                () -> assertEquals("", Query.of().toString()));
    }
}
