package org.portico.cms.wordpress;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** WordPress titles as {@code title.rendered} has them (wptexturize turns quotes and dashes into entities). */
class PlainTextTest {

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "Hello world!                                       | Hello world!",
            "Fish &amp; Chips                                   | Fish & Chips",
            "About &#8220;Portico&#8221; &#8211; the story      | About \u201cPortico\u201d \u2013 the story",
            "It&#8217;s &#x2019;here&#X2019;                    | It\u2019s \u2019here\u2019",
            "Caf&eacute; &lt;open&gt;                           | Caf\u00e9 <open>",
            "Private: <em>Plans</em> for <strong>2027</strong>  | Private: Plans for 2027",
            "`  Lots\t of   space  `                             | Lots of space",
            "<script>alert(1)</script>Safe                      | Safe",
            "1 &lt; 2 &amp;&amp; 3 &gt; 2                      | 1 < 2 && 3 > 2",
            "&amp;lt;b&amp;gt; stays text                       | &lt;b&gt; stays text",
            "``                                                 | ``",
    })
    void titlesBecomePlainText(String html, String text) {
        assertEquals(text, PlainText.of(html));
    }
}
