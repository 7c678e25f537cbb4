package org.ikescope.analyzer.report;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.ikescope.analyzer.analysis.AnalysisSink;
import org.ikescope.analyzer.exchange.EspFlow;
import org.ikescope.analyzer.exchange.Exchange;
import org.ikescope.analyzer.exchange.Identity;
import org.ikescope.analyzer.exchange.Peer;
import org.ikescope.analyzer.exchange.QuickMode;
import org.ikescope.analyzer.output.Names;
import org.ikescope.analyzer.output.PskWordlistOutput;
import org.ikescope.api.plugin.Finding;
import org.ikescope.api.plugin.Phase1State;
import org.ikescope.dissector.isakmp.Suite;
import org.ikescope.dissector.session.PskWordlistSearch;

/**
 * {@code analyze --format html}: one self-contained page (inline style and script, no font, image
 * or request of any kind; a Content-Security-Policy that forbids them) for an engineer's browser,
 * also on an air-gapped laptop. Made from the same {@link Exchange} records as the text and JSON
 * reports:
 * <ul>
 * <li>a summary table in the spirit of {@code show crypto isakmp sa}: peers, state per side,
 *     suite, identities, implementations, worst finding; sortable by any column (click its
 *     header) and filtered by state, finding and text;</li>
 * <li>per exchange a ladder diagram ({@link LadderSvg}), its proposals, decryption, quick modes,
 *     NAT detection, ESP counters per SPI and direction, and its findings, whose evidence frames
 *     link to the rows of the diagram;</li>
 * <li>the findings once per code with explanation and what to check, the cross-exchange
 *     findings, the wordlist search, the frame accounting.</li>
 * </ul>
 * Everything from a capture, a plugin or a file name goes through {@link Html#text}. Exchanges
 * beyond {@link #MAX_DETAILED} get a table row only (the page stays a page).
 */
public final class HtmlReport implements AnalysisSink {
    /** Exchanges drawn as ladders; a capture of more is a case for --peer or JSON (a ladder is about 5 KB). */
    static final int MAX_DETAILED = 1_000;
    /** Exchanges listed under a finding code (the lowest ids), then "...". */
    static final int LISTED_IDS = 200;
    private static final DateTimeFormatter START = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final PrintWriter w;
    private final List<String> files;
    private final String peer;
    private final boolean showKeys;
    private final List<Exchange> detailed = new ArrayList<>();
    /** Per exchange shown, its table row. */
    private final SortedRows rows = new SortedRows();
    /**
     * Finding code -> [worst finding of that code, the lowest ids of the exchanges that have it
     * (at most {@link #LISTED_IDS} + 1), how many exchanges have it].
     */
    private final Map<String, Object[]> byCode = new LinkedHashMap<>();
    private final TreeSet<String> states = new TreeSet<>();
    private long notDetailed;
    private PskWordlistSearch.Result wordlist;

    /**
     * @param showKeys write the pre-shared keys a wordlist search found ({@code --show-keys})
     */
    public HtmlReport(PrintStream out, List<String> files, String peer, boolean showKeys) {
        this.w = new PrintWriter(out, false, StandardCharsets.UTF_8);
        this.files = List.copyOf(files);
        this.peer = peer;
        this.showKeys = showKeys;
    }

    @Override
    public void pskWordlist(PskWordlistSearch.Result result) {
        this.wordlist = result;
    }

    @Override
    public void exchange(Exchange x) {
        rows.add(x.startNanos(), x.id(), row(x, detailed.size() < MAX_DETAILED));
        if (detailed.size() < MAX_DETAILED) {
            detailed.add(x);
        } else {
            notDetailed++;
        }
        for (Finding f : x.findings()) {
            Object[] c = byCode.computeIfAbsent(f.code(), k -> new Object[] {f, new TreeSet<Long>(), new long[] {0, Long.MIN_VALUE}});
            if (f.severity().compareTo(((Finding) c[0]).severity()) > 0) {
                c[0] = f;
            }
            @SuppressWarnings("unchecked")
            TreeSet<Long> ids = (TreeSet<Long>) c[1];
            long[] count = (long[]) c[2];
            // Once per exchange: its findings come together, and its id is its own.
            if (count[1] != x.id()) {
                count[0]++;
                count[1] = x.id();
            }
            ids.add(x.id());
            if (ids.size() > LISTED_IDS + 1) {
                ids.pollLast();
            }
        }
    }

    private static Finding worst(List<Finding> findings) {
        Finding worst = null;
        for (Finding f : findings) {
            if (worst == null || f.severity().compareTo(worst.severity()) > 0) {
                worst = f;
            }
        }
        return worst;
    }

    private static String state(Phase1State s, boolean inferred) {
        return s == Phase1State.NONE ? "-" : s.name() + (inferred && s == Phase1State.ESTABLISHED ? "*" : "");
    }

    private static String endpoint(Peer p) {
        if (p == null) {
            return "?";
        }
        String ip = p.ip().indexOf(':') >= 0 ? "[" + p.ip() + "]" : p.ip();
        return p.port() > 0 ? ip + ":" + p.port() : ip;
    }

    private static String identity(Identity id) {
        return id == null ? null : id.typeName() + " " + id.value();
    }

    /** The table row of {@code x}; {@code linked}: its id links to its ladder. */
    private String row(Exchange x, boolean linked) {
        String is = state(x.initiatorState(), x.stateInferred());
        String rs = state(x.responderState(), x.stateInferred());
        states.add(is);
        states.add(rs);
        Finding worst = worst(x.findings());
        List<String> codes = x.findings().stream().map(Finding::code).distinct().toList();
        StringBuilder sb = new StringBuilder(600);
        sb.append("<tr data-x=\"").append(x.id()).append("\" data-states=\"").append(Html.text(is + " " + rs))
                .append("\" data-findings=\"").append(Html.text(codes.isEmpty() ? "-" : String.join(" ", codes))).append("\">");
        cell(sb, String.valueOf(x.id()), linked ? "#x" + x.id() : null, null);
        cell(sb, endpoint(x.initiator()), null, null);
        cell(sb, endpoint(x.responder()), null, null);
        cell(sb, x.mode().label(), null, null);
        cell(sb, is, null, x.initiatorState().active() ? "ok" : "stuck");
        cell(sb, rs, null, x.responderState().active() ? "ok" : x.responderState() == Phase1State.NONE ? null : "stuck");
        cell(sb, x.proposal() == null ? "-" : suite(x.proposal()), null, null);
        List<String> ids = new ArrayList<>();
        if (x.initiatorIdentity() != null) {
            ids.add("I: " + identity(x.initiatorIdentity()));
        }
        if (x.responderIdentity() != null) {
            ids.add("R: " + identity(x.responderIdentity()));
        }
        cell(sb, ids.isEmpty() ? "-" : String.join("; ", ids), null, null);
        cell(sb, implementation(x.initiator()) + " / " + implementation(x.responder()), null, null);
        cell(sb, worst == null ? "-" : worst.code(), worst == null || !linked ? null : "#x" + x.id() + "-findings",
                worst == null ? null : "sev-" + worst.severity().label());
        String start = START.format(Instant.ofEpochSecond(0, x.startNanos()));
        sb.append("<td title=\"").append(start).append("\">").append(start.substring(11)).append("</td>");
        cell(sb, String.valueOf(x.messages().size()), null, null);
        return sb.append("</tr>").toString();
    }

    /** The chosen suite in a few words ({@code AES-CBC-128 SHA1 PSK DH2}); the exchange's section has all of it. */
    private static String suite(Suite p) {
        List<String> s = new ArrayList<>();
        String enc = Names.encryption(p);
        s.add(enc == null ? "?" : p.keyLength() > 0 ? enc + "-" + p.keyLength() : enc);
        String hash = p.ikev2() ? Names.integrity(p) : Names.hash(p);
        if (hash != null) {
            s.add(hash);
        }
        if (Names.auth(p) != null) {
            s.add(Names.auth(p));
        }
        if (p.group() > 0) {
            s.add("DH" + p.group());
        }
        return String.join(" ", s);
    }

    private static String implementation(Peer p) {
        return p == null || p.implementation() == null ? "?" : p.implementation();
    }

    private static void cell(StringBuilder sb, String text, String href, String cls) {
        sb.append(cls == null ? "<td>" : "<td class=\"" + cls + "\">");
        if (href != null) {
            sb.append("<a href=\"").append(href).append("\">").append(Html.text(text)).append("</a>");
        } else {
            sb.append(Html.text(text));
        }
        sb.append("</td>");
    }

    private static final String[][] COLUMNS = {{"#", "num"}, {"Initiator", "text"}, {"Responder", "text"}, {"Mode", "text"},
        {"Initiator state", "text"}, {"Responder state", "text"}, {"Suite", "text"}, {"Identities", "text"},
        {"Implementation", "text"}, {"Worst finding", "text"}, {"Start (UTC)", "text"}, {"Msgs", "num"}};

    @Override
    public void end(List<Finding> findings, Map<String, Object> stats, List<String> errors) {
        String title = rows.size() + " IKE SA" + (rows.size() == 1 ? "" : "s") + " in " + String.join(", ", files)
                + (peer == null ? "" : " (peer " + peer + ")");
        w.println("<!DOCTYPE html>");
        w.println("<html lang=\"en\"><head><meta charset=\"utf-8\">");
        // The page may load nothing: no script, style, font or image from anywhere but itself.
        w.println("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline';"
                + " script-src 'unsafe-inline'; img-src data:\">");
        w.println("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        w.println("<title>ikescope: " + Html.text(title) + "</title>");
        w.println("<style>" + STYLE + "</style></head><body>");
        w.println("<header><h1>ikescope report</h1><p id=\"title\">" + Html.text(title) + "</p></header>");
        summary();
        findingsByCode();
        detailed.sort(Comparator.comparingLong(Exchange::startNanos).thenComparingLong(Exchange::id));
        if (!detailed.isEmpty()) {
            w.println("<h2>Exchanges</h2>");
        }
        for (Exchange x : detailed) {
            exchangeSection(x);
        }
        if (notDetailed > 0) {
            w.println("<p class=\"note\">" + notDetailed + " more exchanges are in the table only: use --peer IP, or --format json.</p>");
        }
        if (!findings.isEmpty()) {
            w.println("<section id=\"cross\"><h2>Findings across exchanges</h2>");
            Map<Long, String> anchors = crossAnchors();
            for (Finding f : findings) {
                finding(f, anchors);
            }
            w.println("</section>");
        }
        if (wordlist != null) {
            w.println("<section id=\"wordlist\"><h2>Pre-shared key wordlist</h2><pre>");
            PskWordlistOutput.text(wordlist, showKeys).forEach(l -> w.println(Html.text(l)));
            w.println("</pre></section>");
        }
        w.println("<footer><p id=\"stats\">" + Html.text(String.format(Locale.ROOT, "%s frames: %s ISAKMP, %s ESP,"
                        + " %s NAT keepalive, %s other, %s malformed, %s duplicates; IKE SAs: %s (%s established)",
                stats.get("frames"), stats.get("isakmp"), stats.get("esp"), stats.get("natKeepalive"), stats.get("other"),
                stats.get("malformed"), stats.get("duplicates"), stats.get("exchanges"), stats.get("established"))) + "</p>");
        for (String e : errors) {
            w.println("<p class=\"error\">error: " + Html.text(e) + "</p>");
        }
        w.println("<p class=\"note\">A capture shows what crossed the capture point, not what a device accepted."
                + " States are the ASA's names for the last phase-1 message each side sent.</p></footer>");
        w.println("<script>" + SCRIPT + "</script></body></html>");
        w.flush();
    }

    /**
     * Frames to ladder rows for the findings across exchanges: with one capture a frame number
     * names one frame, so its row is known; with several it could be either file's (no links).
     */
    private Map<Long, String> crossAnchors() {
        if (files.size() != 1) {
            return null;
        }
        Map<Long, String> all = new java.util.HashMap<>();
        for (Exchange x : detailed) {
            LadderSvg.anchors(x).forEach(all::putIfAbsent);
        }
        return all;
    }

    private void summary() {
        w.println("<section id=\"summary-section\"><h2>IKE SAs</h2>");
        if (rows.size() == 0) {
            w.println("<p>No IKE SA in the capture.</p></section>");
            return;
        }
        w.println("<div class=\"filters\"><label>State <select id=\"filter-state\"><option value=\"\">any</option>");
        for (String s : states) {
            w.println("<option value=\"" + Html.text(s) + "\">" + Html.text(s) + "</option>");
        }
        w.println("</select></label> <label>Finding <select id=\"filter-finding\"><option value=\"\">any</option>"
                + "<option value=\"-\">none</option>");
        for (String c : new TreeSet<>(byCode.keySet())) {
            w.println("<option value=\"" + Html.text(c) + "\">" + Html.text(c) + "</option>");
        }
        w.println("</select></label> <label>Text <input id=\"filter-text\" type=\"search\" placeholder=\"address, identity...\">"
                + "</label> <span id=\"shown\"></span></div>");
        w.println("<div class=\"scroll\"><table id=\"summary\"><thead><tr>");
        for (String[] c : COLUMNS) {
            w.println("<th data-type=\"" + c[1] + "\" title=\"sort\">" + Html.text(c[0]) + "</th>");
        }
        w.println("</tr></thead><tbody>");
        rows.forEachSorted(w::println);
        rows.close();
        w.println("</tbody></table></div></section>");
    }

    private void findingsByCode() {
        if (byCode.isEmpty()) {
            return;
        }
        w.println("<section id=\"findings\"><h2>Findings by code</h2>");
        List<Map.Entry<String, Object[]>> codes = new ArrayList<>(byCode.entrySet());
        codes.sort(Comparator.comparing((Map.Entry<String, Object[]> e) -> ((Finding) e.getValue()[0]).severity())
                .reversed().thenComparing(Map.Entry::getKey));
        for (Map.Entry<String, Object[]> e : codes) {
            Finding f = (Finding) e.getValue()[0];
            @SuppressWarnings("unchecked")
            TreeSet<Long> ids = (TreeSet<Long>) e.getValue()[1];
            long exchanges = ((long[]) e.getValue()[2])[0];
            w.print("<div class=\"finding sev-" + f.severity().label() + "\"><h3><span class=\"sev\">" + f.severity().label()
                    + "</span> " + Html.text(e.getKey()) + " <span class=\"conf\">(" + f.confidence().label() + ")</span> "
                    + Html.text(f.title()) + "</h3><p class=\"xs\">" + exchanges + " exchange" + (exchanges == 1 ? "" : "s") + ":");
            int n = 0;
            for (long id : ids) {
                if (n++ == LISTED_IDS) {
                    w.print(" ...");
                    break;
                }
                w.print(" <a href=\"#x" + id + "\">#" + id + "</a>");
            }
            w.println("</p>");
            body(f);
            w.println("</div>");
        }
        w.println("</section>");
    }

    private void body(Finding f) {
        if (!f.explanation().isEmpty()) {
            w.println("<p class=\"expl\">" + Html.text(f.explanation()) + "</p>");
        }
        if (!f.remediation().isEmpty()) {
            w.println("<p class=\"fix\"><b>Check:</b> " + Html.text(f.remediation()) + "</p>");
        }
        if (f.asa() != null) {
            if (!f.asa().state().isEmpty()) {
                w.println("<p class=\"asa\"><b>ASA:</b> " + Html.text(f.asa().state()) + "</p>");
            }
            for (String m : f.asa().messages()) {
                w.println("<p class=\"asa\"><b>ASA log:</b> <code>" + Html.text(m) + "</code></p>");
            }
        }
    }

    /** A finding with its evidence; {@code anchors} maps frames to ladder rows (null: not linked). */
    private void finding(Finding f, Map<Long, String> anchors) {
        w.print("<div class=\"finding sev-" + f.severity().label() + "\"><h4><span class=\"sev\">" + f.severity().label()
                + "</span> " + Html.text(f.code()) + " <span class=\"conf\">(" + f.confidence().label() + ")</span> "
                + Html.text(f.title()) + "</h4>");
        if (!f.evidence().isEmpty()) {
            w.print("<p class=\"evidence\">Evidence: frame" + (f.evidence().size() == 1 ? "" : "s"));
            for (long fr : f.evidence()) {
                String a = anchors == null ? null : anchors.get(fr);
                w.print(a == null ? " " + fr : " <a class=\"ev\" href=\"#" + a + "\" data-frame=\"" + fr + "\">" + fr + "</a>");
            }
            w.println("</p>");
        }
        body(f);
        w.println("</div>");
    }

    private void exchangeSection(Exchange x) {
        w.println("<section class=\"exchange\" id=\"x" + x.id() + "\" data-x=\"" + x.id() + "\">");
        w.println("<h3>#" + x.id() + " " + Html.text(x.mode().label()) + " " + Html.text(endpoint(x.initiator())) + " \u2192 "
                + Html.text(endpoint(x.responder())) + " <span class=\"cookies\">i=" + (x.version() == 0 ? "-" : x.ispiHex())
                + " r=" + (x.rspi() == 0 ? "-" : x.rspiHex()) + "</span></h3>");
        w.println("<dl>");
        dd("State", "initiator " + state(x.initiatorState(), x.stateInferred()) + ", responder "
                + state(x.responderState(), x.stateInferred()) + (x.timeToEstablishedNanos() >= 0
                ? "; phase 1 took " + TextReport.ms(x.timeToEstablishedNanos()) : ""));
        if (files.size() > 1) {
            dd("File", x.file());
        }
        if (x.proposal() != null) {
            dd("Chosen", TextReport.proposal(x.proposal()));
        }
        if (!x.offered().isEmpty()) {
            dd("Offered", String.join(" | ", x.offered().stream().map(TextReport::proposal).toList()));
        }
        peer("Initiator", x.initiator(), x.initiatorIdentity());
        peer("Responder", x.responder(), x.responderIdentity());
        if (x.decryption() != null) {
            dd("Decryption", x.decryption().describe());
        }
        for (QuickMode q : x.quickModes()) {
            List<String> s = new ArrayList<>();
            s.add(q.state().name() + " (started by the " + q.initiator().label() + ")");
            if (q.proxyIds().size() == 2) {
                s.add("proxy IDs " + q.proxyIds().get(0).describe() + " \u2194 " + q.proxyIds().get(1).describe());
            }
            if (!q.offered().isEmpty()) {
                s.add("offered " + String.join(" | ", q.offered().stream().map(TextReport::phase2).toList()));
            }
            if (q.chosen() != null) {
                s.add("chosen " + TextReport.phase2(q.chosen()));
            }
            dd("Quick mode " + q.messageIdHex(), String.join("; ", s));
        }
        if (x.natDetection().note() != null) {
            dd("NAT-D", x.natDetection().note());
        }
        if (x.natKeepalives() > 0) {
            dd("NAT-T keepalives", String.valueOf(x.natKeepalives()));
        }
        for (String n : x.notes()) {
            dd("Note", n);
        }
        w.println("</dl>");
        w.println("<div class=\"ladder-wrap\">" + LadderSvg.render(x) + "</div>");
        if (x.messagesDropped() > 0) {
            w.println("<p class=\"note\">" + x.messagesDropped() + " more messages (beyond the per-exchange cap) are not drawn.</p>");
        }
        if (!x.esp().isEmpty()) {
            w.println("<table class=\"esp\"><caption>ESP per SPI and direction</caption><thead><tr><th>SPI</th>"
                    + "<th>Direction</th><th>Transport</th><th>Packets</th><th>Bytes</th><th>Frames</th><th>Duration</th>"
                    + "</tr></thead><tbody>");
            for (EspFlow e : x.esp()) {
                w.println("<tr><td>" + e.spiHex() + "</td><td>" + (e.from() == org.ikescope.api.plugin.Side.INITIATOR
                        ? "initiator \u2192 responder" : "responder \u2192 initiator") + "</td><td>"
                        + (e.udpEncapsulated() ? "UDP " + e.srcPort() + "\u2192" + e.dstPort() : "IP protocol 50") + "</td><td>"
                        + e.packets() + "</td><td>" + e.bytes() + "</td><td>" + e.firstFrame() + ".." + e.lastFrame() + "</td><td>"
                        + TextReport.ms(e.lastNanos() - e.firstNanos()) + "</td></tr>");
            }
            w.println("</tbody></table>");
        }
        if (!x.findings().isEmpty()) {
            w.println("<div class=\"xfindings\" id=\"x" + x.id() + "-findings\">");
            Map<Long, String> anchors = LadderSvg.anchors(x);
            for (Finding f : x.findings()) {
                finding(f, anchors);
            }
            w.println("</div>");
        }
        w.println("</section>");
    }

    private void peer(String role, Peer p, Identity id) {
        if (p == null) {
            return;
        }
        List<String> vids = p.vendorIds().stream().map(v -> v.name() == null ? "unknown " + v.hex() : v.name()).distinct().toList();
        List<String> parts = java.util.stream.Stream.of(
                p.ports().size() > 1 ? "ports " + p.ports() : null,
                p.implementation(),
                id == null ? null : "ID " + identity(id) + " (frame " + id.frame() + ")",
                vids.isEmpty() ? null : "VIDs: " + String.join(", ", vids)).filter(java.util.Objects::nonNull).toList();
        if (!parts.isEmpty()) {
            dd(role, String.join("; ", parts));
        }
    }

    private void dd(String term, String value) {
        w.println("<dt>" + Html.text(term) + "</dt><dd>" + Html.text(value) + "</dd>");
    }

    private static final String STYLE = """
            body{font:14px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0 24px 40px;color:#1b1f24;background:#fff}
            h1{font-size:22px;margin:16px 0 4px}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid #d0d7de}
            h3{font-size:16px;margin:8px 0}h4{font-size:14px;margin:6px 0}
            table{border-collapse:collapse;font-size:13px}th,td{border:1px solid #d0d7de;padding:3px 6px;text-align:left;vertical-align:top}
            #summary th{background:#f6f8fa;cursor:pointer;user-select:none;white-space:nowrap}
            #summary th.asc::after{content:" \\25B2"}#summary th.desc::after{content:" \\25BC"}
            #summary tbody tr:nth-child(even){background:#fafbfc}#summary td{white-space:nowrap}#summary td:nth-child(8),#summary td:nth-child(9){white-space:normal}#summary td:nth-child(8){min-width:16em}td.ok{color:#116329}td.stuck{color:#9a3412;font-weight:600}
            .scroll{overflow-x:auto}.filters{margin:8px 0}.filters label{margin-right:12px}#shown{color:#57606a}
            .sev-error .sev,td.sev-error{color:#b42318}.sev-warning .sev,td.sev-warning{color:#9a6700}.sev-info .sev,td.sev-info{color:#0969da}
            .sev{font-weight:700;text-transform:uppercase;font-size:12px}.conf{color:#57606a;font-weight:400}
            .finding{border-left:4px solid #d0d7de;padding:2px 10px;margin:8px 0}.finding.sev-error{border-color:#b42318}
            .finding.sev-warning{border-color:#d4a72c}.finding.sev-info{border-color:#54aeff}
            .finding p{margin:4px 0}.cookies{font:12px monospace;color:#57606a}
            section.exchange{border-top:1px solid #d0d7de;padding-top:8px;margin-top:16px}
            dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:6px 0}dt{color:#57606a}dd{margin:0}
            .ladder-wrap{overflow-x:auto}svg.ladder{font:12px system-ui,sans-serif;background:#fcfcfd;border:1px solid #eaeef2}
            svg .hd{fill:#57606a}svg .role{text-anchor:middle;font-weight:700}svg .addr{text-anchor:middle;fill:#57606a}
            svg .lane{stroke:#8c959f;stroke-width:2}svg .fr{font-family:monospace;fill:#0969da}svg .tm{font-family:monospace;fill:#57606a}
            svg .msg line{stroke:#1b1f24;stroke-width:1.5}svg .msg .tip{fill:#1b1f24}svg .lb{text-anchor:middle;font-weight:700}
            svg .dt{text-anchor:middle;fill:#57606a;font-size:11px}
            svg .enc line{stroke-dasharray:6 4}svg .dec .lb{fill:#116329}
            svg .retrans line{stroke:#d97706}svg .retrans .tip{fill:#d97706}svg .retrans .lb{fill:#b45309}
            svg .icmp line,svg .lost line{stroke:#b42318;stroke-dasharray:3 3}svg .x{stroke:#b42318;stroke-width:2;fill:none}
            svg .icmp .lb,svg .lost .lb{fill:#b42318}svg .esp line{stroke:#1a7f37;stroke-width:3}svg .esp .tip{fill:#1a7f37}
            svg .float line{stroke:#8250df;stroke-dasharray:2 3}svg .float text{text-anchor:middle;fill:#8250df;font-size:11px}
            svg .st rect{fill:#fff1e5;stroke:#9a3412}svg .st.ok rect{fill:#dafbe1;stroke:#1a7f37}svg .st.none rect{fill:#f6f8fa;stroke:#8c959f}
            svg .st text{text-anchor:middle;font-weight:700}svg g.target line{stroke-width:4}svg g.target .lb{fill:#8250df}
            table.esp{margin:8px 0}table.esp caption{text-align:left;font-weight:600}
            footer{margin-top:32px;color:#57606a}.error{color:#b42318}.note{color:#57606a}
            """;

    /**
     * Sorting and filtering of the summary table, and highlighting of the ladder row an evidence
     * link points at. Reads only the page's own elements and data attributes.
     */
    private static final String SCRIPT = """
            (function(){
            var t=document.getElementById('summary');if(!t)return;var tb=t.tBodies[0];
            var rows=Array.prototype.slice.call(tb.rows);
            var st=document.getElementById('filter-state'),fi=document.getElementById('filter-finding'),tx=document.getElementById('filter-text');
            function apply(){var s=st.value,f=fi.value,q=tx.value.toLowerCase(),n=0;
            rows.forEach(function(r){var ok=(!s||r.dataset.states.split(' ').indexOf(s)>=0)&&(!f||r.dataset.findings.split(' ').indexOf(f)>=0)
            &&(!q||r.textContent.toLowerCase().indexOf(q)>=0);r.hidden=!ok;if(ok)n++;
            var x=document.getElementById('x'+r.dataset.x);if(x)x.hidden=!ok;});
            document.getElementById('shown').textContent=n+' of '+rows.length+' shown';}
            st.onchange=apply;fi.onchange=apply;tx.oninput=apply;
            Array.prototype.forEach.call(t.tHead.rows[0].cells,function(th,i){th.onclick=function(){
            var asc=!th.classList.contains('asc');Array.prototype.forEach.call(t.tHead.rows[0].cells,function(c){c.classList.remove('asc','desc');});
            th.classList.add(asc?'asc':'desc');var num=th.dataset.type==='num';
            rows.sort(function(a,b){var x=a.cells[i].textContent,y=b.cells[i].textContent;
            var c=num?(parseFloat(x)-parseFloat(y)):x.localeCompare(y,undefined,{numeric:true});return asc?c:-c;});
            rows.forEach(function(r){tb.appendChild(r);});};});
            apply();
            function mark(){document.querySelectorAll('g.target').forEach(function(g){g.classList.remove('target');});
            var h=location.hash.slice(1);if(h){var g=document.getElementById(h);if(g&&g.tagName.toLowerCase()==='g')g.classList.add('target');}}
            window.addEventListener('hashchange',mark);mark();
            })();
            """;
}
