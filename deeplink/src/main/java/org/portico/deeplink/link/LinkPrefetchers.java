package org.portico.deeplink.link;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Tells a person's browser apart from the machines that open links before (or instead of) the person: mail security
 * scanners, Office's link checks, chat link previews, search crawlers and speculative browser prefetches. They must
 * never consume a one-time link; they get a harmless page instead.
 *
 * <p>The decision is deliberately generous: a person misjudged as a scanner sees a page with a button to open the
 * link, one click more; a scanner misjudged as a person burns the link. So a request is a prefetch when
 * <ul>
 *   <li>it has no User-Agent at all (every browser sends one; several scanners send none);</li>
 *   <li>it says so: {@code Sec-Purpose}/{@code Purpose: prefetch} (Chromium's speculation rules and
 *   {@code <link rel=prefetch>}), {@code X-Purpose: preview} (Safari's Top Sites), {@code X-Moz: prefetch}
 *   (Firefox);</li>
 *   <li>its User-Agent contains one of the {@link #KNOWN} markers (case-insensitive), each listed with who sends it;
 *   </li>
 *   <li>or it calls itself a bot, crawler, spider, preview or scanner ({@link #GENERIC}), as a whole word or the
 *   end of a word ({@code Googlebot}, {@code Slackbot}) — except the phone brand Cubot.</li>
 * </ul>
 * Stateless and thread-safe.
 */
public final class LinkPrefetchers {

    /** Known link openers: a User-Agent marker (lower case) and who sends it. */
    public record Marker(String text, String sender) {
    }

    /** The curated list; extend it when a new scanner burns links (see the test that covers every entry). */
    public static final List<Marker> KNOWN = List.of(
            new Marker("ms-office", "Microsoft Office apps checking a link before opening it"),
            new Marker("microsoft office", "Microsoft Office (Word, Outlook desktop) protocol discovery"),
            new Marker("microsoft outlook", "Outlook's link checks"),
            new Marker("office protocol discovery", "Office's WebDAV discovery request"),
            new Marker("bingpreview", "Microsoft Defender Safe Links and Bing's page preview"),
            new Marker("safelinks", "Microsoft Defender for Office 365 Safe Links detonation"),
            new Marker("proofpoint", "Proofpoint URL Defense"),
            new Marker("mimecast", "Mimecast URL Protect"),
            new Marker("barracuda", "Barracuda Email Security link protection"),
            new Marker("symantec", "Symantec (Broadcom) Email Security.cloud click-time protection"),
            new Marker("broadcom", "Broadcom web and mail isolation"),
            new Marker("messagelabs", "Symantec MessageLabs mail scanning"),
            new Marker("ironport", "Cisco Secure Email (IronPort) URL filtering"),
            new Marker("fireeye", "Trellix (FireEye) Email Security"),
            new Marker("trendmicro", "Trend Micro Email Security"),
            new Marker("google-safety", "Google Safe Browsing checks on Gmail links"),
            new Marker("googleimageproxy", "Gmail's image proxy"),
            new Marker("google-pagerenderer", "Google Docs and Chat link previews"),
            new Marker("slack-imgproxy", "Slack's image proxy"),
            new Marker("slackbot", "Slack link unfurling"),
            new Marker("skypeuripreview", "Microsoft Teams and Skype link previews (the Teams app itself is a browser: not listed)"),
            new Marker("whatsapp", "WhatsApp link previews"),
            new Marker("discordbot", "Discord link embeds"),
            new Marker("facebookexternalhit", "Facebook and Messenger link previews"),
            new Marker("facebot", "Facebook's crawler"),
            new Marker("twitterbot", "X (Twitter) cards"),
            new Marker("linkedinbot", "LinkedIn link previews"),
            new Marker("telegrambot", "Telegram link previews"),
            new Marker("viber", "Viber link previews"),
            new Marker("iframely", "Iframely embeds"),
            new Marker("embedly", "Embedly embeds"));

    /** Words that machines use to describe themselves. */
    public static final Pattern GENERIC = Pattern.compile("(?<!cu)bot\\b|(crawler|spider|preview|scanner)\\b");

    private LinkPrefetchers() {
    }

    /**
     * Whether a request with these headers comes from a machine opening the link ahead of a person.
     *
     * @param userAgent  the User-Agent header, or null
     * @param secPurpose the Sec-Purpose (or Purpose) header, or null
     * @param xPurpose   the X-Purpose or X-Moz header, or null
     */
    public static boolean isPrefetch(String userAgent, String secPurpose, String xPurpose) {
        if (secPurpose != null && secPurpose.toLowerCase(Locale.ROOT).contains("prefetch")) {
            return true;
        }
        if (xPurpose != null) {
            String purpose = xPurpose.toLowerCase(Locale.ROOT);
            if (purpose.contains("preview") || purpose.contains("prefetch")) {
                return true;
            }
        }
        return isPrefetcher(userAgent);
    }

    /** Whether this User-Agent belongs to a machine that opens links ahead of people (null and blank: yes). */
    public static boolean isPrefetcher(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return true;
        }
        String agent = userAgent.toLowerCase(Locale.ROOT);
        for (Marker marker : KNOWN) {
            if (agent.contains(marker.text())) {
                return true;
            }
        }
        return GENERIC.matcher(agent).find();
    }
}
