package org.ikescope.analyzer.report;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ikescope.analyzer.analysis.AnalysisSink;
import org.ikescope.analyzer.exchange.EspFlow;
import org.ikescope.analyzer.exchange.Exchange;
import org.ikescope.analyzer.exchange.ExchangeMessage;
import org.ikescope.analyzer.exchange.IcmpEvidence;
import org.ikescope.analyzer.exchange.Identity;
import org.ikescope.analyzer.exchange.IncompleteFragmentSet;
import org.ikescope.analyzer.exchange.Informational;
import org.ikescope.analyzer.exchange.Peer;
import org.ikescope.analyzer.exchange.QuickMode;
import org.ikescope.analyzer.output.Names;
import org.ikescope.analyzer.output.PskWordlistOutput;
import org.ikescope.analyzer.output.Terminal;
import org.ikescope.analyzer.output.Times;
import org.ikescope.analyzer.plugins.ExchangeViews;
import org.ikescope.api.plugin.Finding;
import org.ikescope.api.plugin.FragmentKind;
import org.ikescope.api.plugin.Phase1State;
import org.ikescope.api.plugin.ProposalView;
import org.ikescope.api.plugin.Side;
import org.ikescope.api.plugin.Step;
import org.ikescope.api.plugin.VendorIdView;
import org.ikescope.dissector.isakmp.Suite;
import org.ikescope.dissector.session.PskWordlistSearch;

/**
 * {@code analyze} text output, for people: a summary table of every IKE SA in the spirit of
 * {@code show crypto isakmp sa detail}, then a ladder per exchange, then the findings. Exchanges
 * are collected until the end (the table comes first); beyond {@link #MAX_DETAILED} only their
 * table rows are kept.
 *
 * <p>Written for a width (100 columns, or the terminal's, see {@link Terminal#width()}): long
 * lines are wrapped, and the table leaves out or shortens columns until it fits (the ladders
 * keep everything). Every line is escaped ({@link Terminal#escape}) before it is measured and
 * written: what comes from a capture, a plugin or a file name cannot act on the terminal.
 *
 * <p>Over 500 lines: the summary table, the ladders and the findings share the report's width,
 * wrapping and escaping; the ladder moves to a model of its own with the HTML report (#12),
 * which draws the same ladder.
 */
public final class TextReport implements AnalysisSink {
    /** Exchanges whose ladder is printed; the rest get a table row only (use --peer or JSON). */
    static final int MAX_DETAILED = 5_000;
    private static final DateTimeFormatter START = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final PrintWriter w;
    private final int width;
    private final List<String> files;
    private final String peer;
    private final List<Exchange> detailed = new ArrayList<>();
    /** The table's rows, escaped, their cells joined by NUL (which escaped text has not). */
    private final SortedRows rows = new SortedRows();
    /** Per column, the longest cell of the rows (escaped); then, for START and the addresses, when shortened. */
    private final int[] longest = new int[HEADER.length];
    private final int[] longestShortened = new int[HEADER.length];
    /** Whether shortening START or leaving out port 500 changes a row. */
    private boolean startShortens;
    private boolean port500;
    private long notDetailed;
    private final Map<String, List<Object[]>> byCode = new java.util.LinkedHashMap<>();
    private final boolean showKeys;
    private PskWordlistSearch.Result wordlist;

    public TextReport(PrintStream out, List<String> files, String peer) {
        this(out, files, peer, Terminal.DEFAULT_WIDTH);
    }

    /** A report for {@code width} columns. */
    public TextReport(PrintStream out, List<String> files, String peer, int width) {
        this(out, files, peer, width, false);
    }

    /**
     * A report for {@code width} columns.
     *
     * @param showKeys print the pre-shared keys a wordlist search found ({@code --show-keys}), not only where they are
     */
    public TextReport(PrintStream out, List<String> files, String peer, int width, boolean showKeys) {
        this.w = new PrintWriter(out, false, StandardCharsets.UTF_8);
        this.files = files;
        this.peer = peer;
        this.width = Math.max(Terminal.MIN_WIDTH, width);
        this.showKeys = showKeys;
    }

    @Override
    public void pskWordlist(PskWordlistSearch.Result result) {
        this.wordlist = result;
    }

    /** Writes {@code text}, escaped and wrapped: the first line starts with {@code first}, the others with {@code next}. */
    private void para(String first, String next, String text) {
        for (String l : Terminal.wrap(Terminal.escape(text), width, first, next)) {
            w.println(l.stripTrailing());
        }
    }

    /** A line of its own: escaped, wrapped with a hanging indent of six. */
    private void line(String text) {
        para("", "      ", text);
    }

    @Override
    public void exchange(Exchange x) {
        String[] r = row(x);
        for (int i = 0; i < r.length; i++) {
            String v = Terminal.escape(r[i]);
            r[i] = v;
            longest[i] = Math.max(longest[i], v.length());
            longestShortened[i] = Math.max(longestShortened[i], shortened(i, v).length());
        }
        startShortens |= r[COL_START].length() > 11;
        port500 |= r[COL_INITIATOR].endsWith(":500") || r[COL_RESPONDER].endsWith(":500");
        rows.add(x.startNanos(), x.id(), String.join("\0", r));
        if (detailed.size() < MAX_DETAILED) {
            detailed.add(x);
        } else {
            notDetailed++;
        }
    }

    private static final String[] HEADER = {"#", "INITIATOR", "RESPONDER", "TYPE", "INITIATOR STATE", "RESPONDER STATE",
        "ENCR", "HASH", "AUTH", "DH", "LIFETIME", "START (UTC)", "MSGS", "NOTE"};

    private static String[] row(Exchange x) {
        Suite p = x.proposal();
        String note = x.scanner() ? "scanner?" : x.startedAfterPhase1() ? "after phase 1"
                : x.continuationOf() != 0 ? "continues #" + x.continuationOf() : "";
        if (!x.icmpErrors().isEmpty()) {
            note = (note.isEmpty() ? "" : note + ", ") + "ICMP " + x.icmpErrors().get(0).description();
        }
        Finding worst = null;
        for (Finding f : x.findings()) {
            if (worst == null || f.severity().compareTo(worst.severity()) > 0) {
                worst = f;
            }
        }
        if (worst != null) {
            note = (note.isEmpty() ? "" : note + ", ") + worst.code();
        }
        return new String[] {
            String.valueOf(x.id()),
            endpoint(x.initiator()),
            endpoint(x.responder()),
            x.mode().label(),
            state(x.initiatorState(), x.stateInferred()),
            state(x.responderState(), x.stateInferred()),
            p == null ? "-" : encryption(p),
            p == null || hash(p) == null ? "-" : hash(p),
            p == null || Names.auth(p) == null ? "-" : Names.auth(p),
            p == null || p.group() == 0 ? "-" : String.valueOf(p.group()),
            p == null || p.lifetimeSeconds() == 0 ? "-" : p.lifetimeSeconds() + "s",
            START.format(Instant.ofEpochSecond(0, x.startNanos())),
            String.valueOf(x.messages().size()),
            note,
        };
    }

    private static String state(Phase1State s, boolean inferred) {
        if (s == Phase1State.NONE) {
            return "-";
        }
        return inferred && s == Phase1State.ESTABLISHED ? "ESTABLISHED*" : s.name();
    }

    /** The hash column: IKEv1 hash, IKEv2 integrity. */
    private static String hash(Suite p) {
        return p.ikev2() ? Names.integrity(p) : Names.hash(p);
    }

    private static String endpoint(Peer p) {
        String ip = p.ip().indexOf(':') >= 0 ? "[" + p.ip() + "]" : p.ip();
        return p.port() > 0 ? ip + ":" + p.port() : ip;
    }

    private static String encryption(Suite p) {
        String name = Names.encryption(p);
        if (name == null) {
            return "-";
        }
        return p.keyLength() > 0 ? name + "-" + p.keyLength() : name;
    }

    @Override
    public void end(List<Finding> findings, Map<String, Object> stats, List<String> errors) {
        line(String.format(Locale.ROOT, "%d IKE SA%s in %s%s", rows.size(), rows.size() == 1 ? "" : "s",
                String.join(", ", files), peer == null ? "" : " (peer " + peer + ")"));
        if (rows.size() > 0) {
            w.println();
            table();
            if (detailed.stream().anyMatch(Exchange::stateInferred)) {
                line("  * inferred from an IKE_AUTH response (encrypted; its content is not known)");
            }
        }
        detailed.sort(Comparator.comparingLong(Exchange::startNanos).thenComparingLong(Exchange::id));
        for (Exchange x : detailed) {
            w.println();
            ladder(x);
        }
        if (notDetailed > 0) {
            w.println();
            line(String.format(Locale.ROOT, "(%d more exchanges are in the table only: use --peer IP, or --format json)",
                    notDetailed));
        }
        findingsByCode();
        if (!findings.isEmpty()) {
            w.println();
            w.println("Findings across exchanges:");
            for (Finding f : findings) {
                finding(f);
            }
        }
        if (wordlist != null) {
            w.println();
            PskWordlistOutput.text(wordlist, showKeys).forEach(l -> w.println(Terminal.escape(l)));
        }
        w.println();
        para("-- ", "   ", String.format(Locale.ROOT, "%s frames: %s ISAKMP, %s ESP, %s NAT keepalive, %s other, %s malformed,"
                        + " %s duplicates; IKE SAs: %s (%s established)",
                stats.get("frames"), stats.get("isakmp"), stats.get("esp"), stats.get("natKeepalive"), stats.get("other"),
                stats.get("malformed"), stats.get("duplicates"), stats.get("exchanges"), stats.get("established")));
        for (String e : errors) {
            para("-- error: ", "   ", e);
        }
        w.flush();
    }

    /**
     * The summary table, fitted to the width: while it is too wide, columns are left out or
     * shortened in this order (the ladders keep them all): LIFETIME, AUTH, the date of START,
     * port 500 in the addresses, the state headers, MSGS, DH, HASH, START, ENCR, TYPE; at last NOTE
     * is cut. What was left out is said under the table. Fitted from the longest cell of each
     * column ({@link #longest}), then written row by row from {@link #rows}.
     */
    private void table() {
        TableShape t = new TableShape();
        // Least needed first; a group left out is put back at the end when the table fits with it.
        int[][] dropOrder = {{COL_DH, COL_HASH, COL_ENCR}, {COL_MSGS}, {COL_START}, {COL_TYPE}};
        boolean[] shortened = new boolean[HEADER.length];
        for (int step = 0; t.width() > width && step < 9; step++) {
            switch (step) {
                case 0 -> t.dropped[COL_LIFETIME] = true;
                case 1 -> t.dropped[COL_AUTH] = true;
                case 2 -> {
                    t.shortStart = true;
                    shortened[COL_START] = startShortens;
                }
                case 3 -> {
                    t.shortAddresses = true;
                    shortened[COL_INITIATOR] = port500;
                }
                case 4 -> t.shortHeaders = true;
                default -> set(t.dropped, dropOrder[step - 5], true);
            }
        }
        for (int i = dropOrder.length - 1; i >= 0; i--) {
            if (t.dropped[dropOrder[i][0]]) {
                set(t.dropped, dropOrder[i], false);
                if (t.width() > width) {
                    set(t.dropped, dropOrder[i], true);
                }
            }
        }
        List<String> changes = new ArrayList<>();
        for (int c = 0; c < HEADER.length; c++) {
            if (t.dropped[c]) {
                changes.add(HEADER[c]);
            }
        }
        if (!changes.isEmpty()) {
            changes.set(0, "left out: " + changes.get(0));
        }
        if (shortened[COL_START] && !t.dropped[COL_START]) {
            changes.add("START is the time only");
        }
        if (shortened[COL_INITIATOR]) {
            changes.add("port 500 not written");
        }
        int over = t.width() - width;
        if (over > 0) {
            t.noteKeep = Math.max(HEADER[COL_NOTE].length(), t.column(COL_NOTE) - over);
            changes.add("NOTE cut");
        }
        int[] widths = new int[HEADER.length];
        for (int c = 0; c < HEADER.length; c++) {
            widths[c] = t.dropped[c] ? 0 : t.column(c);
        }
        String[] header = new String[HEADER.length];
        for (int c = 0; c < HEADER.length; c++) {
            header[c] = t.note(c, t.header(c));
        }
        tableRow(header, t.dropped, widths);
        rows.forEachSorted(text -> {
            String[] r = text.split("\0", -1);
            for (int c = 0; c < r.length; c++) {
                r[c] = t.note(c, t.cell(c, r[c]));
            }
            tableRow(r, t.dropped, widths);
        });
        rows.close();
        if (!changes.isEmpty()) {
            para("  (", "   ", "to fit " + width + " columns, " + String.join(", ", changes)
                    + "; the exchanges below show everything)");
        }
    }

    private void tableRow(String[] r, boolean[] dropped, int[] widths) {
        StringBuilder sb = new StringBuilder("  ");
        for (int i = 0; i < r.length; i++) {
            if (dropped[i]) {
                continue;
            }
            sb.append(r[i]);
            sb.append(" ".repeat(Math.max(0, widths[i] - r[i].length() + 2)));
        }
        w.println(sb.toString().stripTrailing());
    }

    /** How the table is fitted so far: the columns left out, what is shortened, where NOTE is cut. */
    private final class TableShape {
        final boolean[] dropped = new boolean[HEADER.length];
        boolean shortStart;
        boolean shortAddresses;
        boolean shortHeaders;
        /** NOTE's length when cut, or -1. */
        int noteKeep = -1;

        boolean shortens(int c) {
            return c == COL_START ? shortStart : (c == COL_INITIATOR || c == COL_RESPONDER) && shortAddresses;
        }

        String header(int c) {
            return !shortHeaders ? HEADER[c] : c == COL_ISTATE ? "I-STATE" : c == COL_RSTATE ? "R-STATE" : HEADER[c];
        }

        /** A row's cell {@code v} of column {@code c} as written (NOTE not cut yet). */
        String cell(int c, String v) {
            return shortens(c) ? shortened(c, v) : v;
        }

        /** {@code v} cut when it is NOTE's and too long. */
        String note(int c, String v) {
            return c == COL_NOTE && noteKeep >= 0 && v.length() > noteKeep ? v.substring(0, noteKeep - 3) + "..." : v;
        }

        /** Column {@code c}'s width: its longest cell, header included. */
        int column(int c) {
            int cells = shortens(c) ? longestShortened[c] : longest[c];
            if (c == COL_NOTE && noteKeep >= 0) {
                cells = Math.min(cells, noteKeep);
            }
            return Math.max(header(c).length(), cells);
        }

        /** The printed width: two spaces before, two between the columns shown, NOTE (always shown, last) without trailing spaces. */
        int width() {
            int n = 2;
            for (int c = 0; c < COL_NOTE; c++) {
                if (!dropped[c]) {
                    n += column(c) + 2;
                }
            }
            return n + column(COL_NOTE);
        }
    }

    private static final int COL_INITIATOR = 1;
    private static final int COL_RESPONDER = 2;
    private static final int COL_TYPE = 3;
    private static final int COL_ISTATE = 4;
    private static final int COL_RSTATE = 5;
    private static final int COL_ENCR = 6;
    private static final int COL_HASH = 7;
    private static final int COL_AUTH = 8;
    private static final int COL_DH = 9;
    private static final int COL_LIFETIME = 10;
    private static final int COL_START = 11;
    private static final int COL_MSGS = 12;
    private static final int COL_NOTE = 13;

    private static void set(boolean[] dropped, int[] columns, boolean value) {
        for (int c : columns) {
            dropped[c] = value;
        }
    }

    /** A row's cell of column {@code c} shortened: START to the time only, the addresses without port 500; the others as they are. */
    private static String shortened(int c, String v) {
        if (c == COL_START) {
            return v.length() > 11 ? v.substring(11) : v;
        }
        if (c == COL_INITIATOR || c == COL_RESPONDER) {
            return v.endsWith(":500") ? v.substring(0, v.length() - 4) : v;
        }
        return v;
    }

    /** {@code s} then spaces to {@code width} characters (as {@code %-Ns}). */
    private static StringBuilder padRight(StringBuilder b, String s, int width) {
        b.append(s);
        for (int i = s.length(); i < width; i++) {
            b.append(' ');
        }
        return b;
    }

    /** Spaces to {@code width} characters, then {@code s} (as {@code %Nd} of a number's text). */
    private static StringBuilder padLeft(StringBuilder b, String s, int width) {
        for (int i = s.length(); i < width; i++) {
            b.append(' ');
        }
        return b.append(s);
    }

    private void ladder(Exchange x) {
        line(String.format(Locale.ROOT, "#%d %s %s -> %s  i=%s r=%s", x.id(), x.mode().label(), endpoint(x.initiator()),
                endpoint(x.responder()), x.version() == 0 ? "-" : x.ispiHex(), x.rspi() == 0 ? "-" : x.rspiHex()));
        if (files.size() > 1) {
            para("   file: ", "      ", x.file());
        }
        para("   ", "      ", String.format(Locale.ROOT, "state: initiator %s, responder %s%s",
                orDash(Names.state(x.initiatorState())), orDash(Names.state(x.responderState())),
                x.timeToEstablishedNanos() >= 0 ? String.format(Locale.ROOT, "; phase 1 took %s",
                        ms(x.timeToEstablishedNanos())) : ""));
        if (x.proposal() != null) {
            para("   chosen:  ", "            ", proposal(x.proposal()));
        }
        if (!x.offered().isEmpty()) {
            List<String> o = new ArrayList<>();
            for (Suite p : x.offered()) {
                o.add(proposal(p));
            }
            para("   offered: ", "            ", String.join(" | ", o));
        }
        peerLine("initiator", x.initiator(), x.initiatorIdentity());
        peerLine("responder", x.responder(), x.responderIdentity());
        if (x.decryption() != null) {
            para("   decryption: ", "      ", x.decryption().describe());
        }
        Map<Long, Informational> informational = new java.util.HashMap<>();
        for (Informational i : x.informational()) {
            informational.put(i.frame(), i);
        }
        long base = x.startNanos();
        boolean severalFiles = x.messages().stream().map(ExchangeMessage::file).distinct().count() > 1;
        for (ExchangeMessage m : x.messages()) {
            List<String> sb = new ArrayList<>();
            String step = m.label();
            if (m.step().quickMode() || m.step() == Step.INFORMATIONAL || m.step() == Step.TRANSACTION) {
                step = step + " " + m.messageIdHex();
            }
            // "   %-24s %s %6d  +%.6f  %s%5d B" written by hand: String.format per message was a
            // tenth of the text report's time.
            StringBuilder first = new StringBuilder(72).append("   ");
            padRight(first, step, 24).append(' ').append(m.from() == Side.INITIATOR ? "I->R" : "I<-R").append(' ');
            padLeft(first, Long.toString(m.frame()), 6).append("  +").append(Times.relative(m.timeNanos(), base))
                    .append("  ").append(m.decrypted() ? "dec " : m.encrypted() ? "enc " : "    ");
            padLeft(first, Integer.toString(m.size()), 5).append(" B");
            sb.add(first.toString());
            if (m.srcPort() != 500 || m.dstPort() != 500) {
                sb.add(m.srcPort() + ">" + m.dstPort());
            }
            if (m.isRetransmission()) {
                // The first copy is #1: the first retransmission of frame 7 is "(#2)".
                sb.add("retransmission of frame " + m.retransmissionOf() + " (#" + (m.retransmissionNumber() + 1) + ")");
            }
            if (m.inResponseTo() != 0) {
                sb.add("answers " + m.inResponseTo() + " (" + ms(m.rttNanos()) + ")");
            }
            sb.addAll(MessageItems.of(m, informational.get(m.frame())));
            if (severalFiles) {
                sb.add("[" + java.nio.file.Path.of(m.file()).getFileName() + "]");
            }
            items(sb);
        }
        if (x.messagesDropped() > 0) {
            line(String.format(Locale.ROOT, "   ... %d more messages", x.messagesDropped()));
        }
        for (QuickMode q : x.quickModes()) {
            quickMode(q);
        }
        for (EspFlow f : x.esp()) {
            line("   ESP spi " + f.spiHex() + " " + (f.from() == Side.INITIATOR ? "I->R" : "I<-R") + ": " + f.packets()
                    + " packets, " + f.bytes() + " bytes, frames " + f.firstFrame() + ".." + f.lastFrame());
        }
        if (x.natKeepalives() > 0) {
            line(String.format(Locale.ROOT, "   NAT-T keepalives: %d", x.natKeepalives()));
        }
        if (x.natDetection().note() != null) {
            para("   NAT-D: ", "      ", x.natDetection().note());
        }
        for (IcmpEvidence i : x.icmpErrors()) {
            line(String.format(Locale.ROOT, "   ICMP %s (frame %d) for the %s's %s", i.description(), i.frame(),
                    i.quotedFrom().label(), i.quoted() == null ? "message" : i.quoted().label() + " (frame "
                            + i.quotedFrame() + ")"));
        }
        for (IncompleteFragmentSet f : x.incompleteFragmentSets()) {
            line(String.format(Locale.ROOT, "   incomplete %s fragments from the %s: frames %s, %d B received, never"
                    + " completed", f.kind() == FragmentKind.IP ? "IP" : "IKE", f.from().label(), frames(f.frames()),
                    f.bytes()));
        }
        for (String n : x.notes()) {
            para("   note: ", "      ", n);
        }
        for (Finding f : x.findings()) {
            para("   ", "      ", heading(f));
            asa(f, "      ");
            byCode.computeIfAbsent(f.code(), k -> new ArrayList<>()).add(new Object[] {x.id(), f});
        }
    }

    /** What a readable quick mode proposed and chose: {@code quick mode 06cbd340 (initiator): QM_DONE; proxy IDs ...}. */
    private void quickMode(QuickMode q) {
        if (q.offered().isEmpty() && q.chosen() == null && q.proxyIds().isEmpty()) {
            return;
        }
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "quick mode %s (%s): %s", q.messageIdHex(),
                q.initiator().label(), q.state().name()));
        if (q.proxyIds().size() == 2) {
            sb.append("; proxy IDs ").append(q.proxyIds().get(0).describe()).append(" <-> ").append(q.proxyIds().get(1).describe());
        }
        if (q.answeredProxyIds().size() == 2 && !q.answeredProxyIds().equals(q.proxyIds())) {
            sb.append("; answered ").append(q.answeredProxyIds().get(0).describe()).append(" <-> ")
                    .append(q.answeredProxyIds().get(1).describe());
        }
        if (!q.offered().isEmpty()) {
            sb.append("; offered ").append(String.join(" | ", q.offered().stream().map(TextReport::phase2).toList()));
        }
        if (q.chosen() != null) {
            sb.append("; chosen ").append(phase2(q.chosen()));
        }
        para("   ", "      ", sb.toString());
    }

    /**
     * An IKEv1 phase-2 suite as the ASA's transform sets read ({@link ProposalView#describe()}):
     * {@code ESP AES-128/HMAC-SHA/PFS group 14 (MODP2048)/Tunnel/3600 s spi 5f8f70e5}.
     */
    static String phase2(Suite p) {
        return p.ikev2() || p.phase1() ? proposal(p) : ExchangeViews.proposal(p).describe();
    }

    /** Where the wrapped part of a message line starts (under the frame number). */
    private static final int MESSAGE_TAIL = 30;

    /**
     * A message line: its fixed part, then its items two spaces apart; an item that does not fit
     * goes to the next line, under the frame number, whole (wrapped only when it alone is too long).
     */
    private void items(List<String> items) {
        String indent = " ".repeat(MESSAGE_TAIL);
        StringBuilder line = new StringBuilder(Terminal.escape(items.get(0)));
        for (String raw : items.subList(1, items.size())) {
            String item = Terminal.escape(raw);
            if (line.length() + 2 + item.length() > width && line.length() > MESSAGE_TAIL) {
                w.println(line);
                line = new StringBuilder(indent);
            } else {
                line.append("  ");
            }
            line.append(item);
        }
        for (String l : Terminal.wrap(line.toString(), width, "", indent)) {
            w.println(l.stripTrailing());
        }
    }

    /** "[error] auth.psk-mismatch (likely): title (frames 7, 8)": the confidence next to the code. */
    private static String heading(Finding f) {
        return "[" + f.severity().label() + "] " + f.code() + " (" + f.confidence().label() + "): " + f.title()
                + (f.evidence().isEmpty() ? "" : " (frames " + frames(f.evidence()) + ")");
    }

    /** What an ASA shows for {@code f}, when the finding says. */
    private void asa(Finding f, String indent) {
        if (f.asa() == null) {
            return;
        }
        if (!f.asa().state().isEmpty()) {
            para(indent + "ASA: ", indent + "     ", f.asa().state());
        }
        for (String m : f.asa().messages()) {
            para(indent + "ASA log: ", indent + "         ", m);
        }
    }

    private static String frames(List<Long> evidence) {
        if (evidence.size() <= 12) {
            return evidence.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(", "));
        }
        return evidence.subList(0, 12).stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(", "))
                + ", ... (" + evidence.size() + ")";
    }

    /**
     * The findings of the exchanges, once per code: which exchanges have it, and the explanation and
     * what to check of its first occurrence (they differ only in addresses and frames).
     */
    private void findingsByCode() {
        if (byCode.isEmpty()) {
            return;
        }
        w.println();
        w.println("Findings by code (explanation of the first exchange that has it):");
        List<Map.Entry<String, List<Object[]>>> codes = new ArrayList<>(byCode.entrySet());
        codes.sort(Comparator.comparing((Map.Entry<String, List<Object[]>> e) -> ((Finding) e.getValue().get(0)[1]).severity())
                .reversed().thenComparing(Map.Entry::getKey));
        for (Map.Entry<String, List<Object[]>> e : codes) {
            Finding first = (Finding) e.getValue().get(0)[1];
            List<String> ids = new ArrayList<>();
            for (Object[] o : e.getValue()) {
                String id = "#" + o[0];
                if (!ids.contains(id)) {
                    ids.add(id);
                }
            }
            String shown = ids.size() <= 20 ? String.join(" ", ids) : String.join(" ", ids.subList(0, 20)) + " ...";
            para("  ", "      ", String.format(Locale.ROOT, "[%s] %s (%s): %d exchange%s: %s", first.severity().label(),
                    e.getKey(), first.confidence().label(), ids.size(), ids.size() == 1 ? "" : "s", shown));
            body(first);
        }
    }

    /** A finding's explanation and what to check, wrapped under it. */
    private void body(Finding f) {
        if (!f.explanation().isEmpty()) {
            para("      ", "      ", f.explanation());
        }
        if (!f.remediation().isEmpty()) {
            para("      check: ", "      ", f.remediation());
        }
    }

    private void peerLine(String role, Peer p, Identity id) {
        if (p.vendorIds().isEmpty() && p.implementation() == null && id == null && p.ports().size() <= 1) {
            return;
        }
        StringBuilder sb = new StringBuilder("   ").append(role).append(": ");
        List<String> parts = new ArrayList<>();
        if (p.ports().size() > 1) {
            parts.add("ports " + p.ports());
        }
        if (p.implementation() != null) {
            parts.add(p.implementation());
        }
        if (id != null) {
            parts.add("ID " + id.typeName() + " " + id.value());
        }
        if (p.vendorIds().stream().anyMatch(v -> v.name() != null)) {
            List<String> vids = new ArrayList<>();
            for (VendorIdView v : p.vendorIds()) {
                if (v.name() != null && !vids.contains(v.name())) {
                    vids.add(v.name());
                }
            }
            parts.add("VIDs: " + String.join(", ", vids));
        }
        para(sb.toString(), "      ", String.join("; ", parts));
    }

    private void finding(Finding f) {
        para("  ", "      ", heading(f));
        body(f);
        asa(f, "      ");
    }

    static String proposal(Suite p) {
        List<String> s = new ArrayList<>();
        s.add(encryption(p));
        if (hash(p) != null) {
            s.add(hash(p));
        }
        if (Names.prf(p) != null) {
            s.add("PRF " + Names.prf(p));
        }
        if (Names.auth(p) != null) {
            s.add(Names.auth(p));
        }
        if (p.group() > 0) {
            s.add("group " + p.group() + " (" + Names.group(p.group()) + ")");
        }
        if (p.lifetimeSeconds() > 0) {
            s.add(p.lifetimeSeconds() + " s");
        }
        if (p.lifetimeKilobytes() > 0) {
            s.add(p.lifetimeKilobytes() + " KB");
        }
        return String.join("/", s);
    }

    private static String orDash(String s) {
        return s == null ? "-" : s;
    }

    static String ms(long nanos) {
        if (nanos < 0) {
            return "?";
        }
        double m = nanos / 1e6;
        return m >= 1000 ? String.format(Locale.ROOT, "%.3f s", m / 1000) : String.format(Locale.ROOT, "%.2f ms", m);
    }
}
