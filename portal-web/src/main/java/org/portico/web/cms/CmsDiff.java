package org.portico.web.cms;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;

/**
 * What changed from one version of a CMS item to another: the title and summary, and the body line by line, where a
 * line is a block of the HTML (a paragraph, a heading, a list item…), so that an edit shows as the blocks it touched.
 * The lines are markup as stored (sanitised): show them escaped. Immutable.
 */
public record CmsDiff(long from, long to, Change title, Change summary, List<Line> body) {

    /** A field's two values; {@link #changed()} when they differ. */
    public record Change(String before, String after) {
        public boolean changed() {
            return !before.equals(after);
        }
    }

    /** A line of the body: the same in both versions, only in the earlier one or only in the later one. */
    public record Line(Kind kind, String text) {
    }

    public enum Kind { SAME, REMOVED, ADDED }

    /**
     * Where the body's lines break: before each block-level element, and before the end of those that hold other
     * blocks (a list, a table, a quote), so that {@code <ul><li>one</li></ul>} is three lines.
     */
    private static final Pattern BLOCK = Pattern.compile("(?=<(?:(?:p|h[1-6]|li|dt|dd|pre|tr|br|hr|img)\\b"
            + "|/?(?:ul|ol|dl|blockquote|table|thead|tbody|tfoot|figure|div)\\b))");

    public boolean bodyChanged() {
        return body.stream().anyMatch(line -> line.kind() != Kind.SAME);
    }

    static CmsDiff between(CmsItemVersion earlier, CmsItemVersion later) {
        return new CmsDiff(earlier.getRevision(), later.getRevision(),
                new Change(earlier.getTitle(), later.getTitle()),
                new Change(earlier.getSummary(), later.getSummary()),
                lines(earlier.getBodyHtml(), later.getBodyHtml()));
    }

    /** The body's lines, from the earlier to the later HTML. */
    static List<Line> lines(String earlierHtml, String laterHtml) {
        List<String> before = split(earlierHtml);
        List<String> after = split(laterHtml);
        List<Line> lines = new ArrayList<>();
        int next = 0; // the next line of "before" not yet given
        for (AbstractDelta<String> delta : DiffUtils.diff(before, after).getDeltas()) {
            for (; next < delta.getSource().getPosition(); next++) {
                lines.add(new Line(Kind.SAME, before.get(next)));
            }
            delta.getSource().getLines().forEach(text -> lines.add(new Line(Kind.REMOVED, text)));
            delta.getTarget().getLines().forEach(text -> lines.add(new Line(Kind.ADDED, text)));
            next += delta.getSource().size();
        }
        for (; next < before.size(); next++) {
            lines.add(new Line(Kind.SAME, before.get(next)));
        }
        return lines;
    }

    private static List<String> split(String html) {
        return Arrays.stream(BLOCK.split(html.replace("\r", "")))
                .flatMap(part -> Arrays.stream(part.split("\n")))
                .map(String::strip)
                .filter(line -> !line.isEmpty())
                .toList();
    }
}
