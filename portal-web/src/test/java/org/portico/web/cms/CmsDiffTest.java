package org.portico.web.cms;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class CmsDiffTest {

    private static List<String> lines(String before, String after) {
        return CmsDiff.lines(before, after).stream()
                .map(line -> line.kind().name().charAt(0) + " " + line.text()).toList();
    }

    @Test
    void anEditShowsAsTheBlocksItTouched() {
        assertEquals(List.of("S <h2>Hours</h2>", "R <p>Mondays to Fridays.</p>", "A <p>Mondays to Saturdays.</p>",
                        "S <ul>", "S <li>one</li>", "A <li>two</li>", "S </ul>"),
                lines("<h2>Hours</h2><p>Mondays to Fridays.</p><ul><li>one</li></ul>",
                        "<h2>Hours</h2><p>Mondays to Saturdays.</p><ul><li>one</li><li>two</li></ul>"));
    }

    @Test
    void theSameBodyIsAllSameAndLineBreaksOrIndentationDoNotCount() {
        assertEquals(List.of("S <p>a</p>", "S <p>b</p>"), lines("<p>a</p><p>b</p>", "<p>a</p>\n   <p>b</p>\r\n"));
    }

    @Test
    void anEmptyBodyOnEitherSide() {
        assertEquals(List.of("A <p>new</p>"), lines("", "<p>new</p>"));
        assertEquals(List.of("R <p>old</p>"), lines("<p>old</p>", ""));
    }
}
