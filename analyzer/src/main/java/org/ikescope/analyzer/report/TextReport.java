package org.ikescope.analyzer.report;

import java.io.PrintStream;
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

    /** The report's bytes, written to {@link #out} when full and at the end. */
    private final Utf8Buffer output = new Utf8Buffer(1 << 13);
    /**
     * The ladders of the {@link #detailed} exchanges, written as the exchanges come (on the worker
     * thread of a parallel analysis, rather than all at the end, after the capture is read), kept
     * to the end as the table's rows are (beyond 4 MiB in a temporary file).
     */
    private final SortedRows ladders = new SortedRows(SortedRows.IN_MEMORY_BYTES, "the report's ladders");
    /** One ladder's text as it is written. */
    private final Utf8Buffer ladderText = new Utf8Buffer(1 << 10);
    /** Where lines go: {@link #output}, or {@link #ladderText} while a ladder is written. */
    private Utf8Buffer w = output;
    private final PrintStream out;
    /** A line's or a paragraph's text, built here rather than in a string of its own (one at a time). */
    private final StringBuilder sb = new StringBuilder(256);
    /** A message line of the ladder, built item by item ({@link #item}). */
    private final StringBuilder itemLine = new StringBuilder(256);
    /** A table row, its cells joined by NUL. */
    private final StringBuilder rowText = new StringBuilder(256);
    /** Writes a line of {@link Terminal#wrap}, without its trailing white space. */
    private final Terminal.LineSink stripped = this::printStripped;
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
        this.out = out;
        this.files = files;
        this.peer = peer;
        this.width = Math.max(Terminal.MIN_WIDTH, width);
        this.showKeys = showKeys;
    }

    @Override
    public void pskWordlist(PskWordlistSearch.Result result) {
        this.wordlist = result;
    }

    /** Bytes kept before they are written to the stream. */
    private static final int FLUSH_AT = 1 << 16;
    private static final byte[] NEWLINE = System.lineSeparator().getBytes(StandardCharsets.UTF_8);

    /** Writes {@code text} as it is, then a line separator (as PrintWriter.println did). */
    private void println(CharSequence text) {
        w.append(text);
        println();
    }

    private void println() {
        w.append(NEWLINE, 0, NEWLINE.length);
        flushIfFull();
    }

    private void flushIfFull() {
        if (w == output && w.size() >= FLUSH_AT) {
            w.writeTo(out);
        }
    }

    /** {@code prefix + text[from, to)} without its trailing white space (as String.stripTrailing), then a line separator. */
    private void printStripped(String prefix, CharSequence text, int from, int to) {
        // Char by char is String.stripTrailing: a surrogate is never white space.
        while (to > from && Character.isWhitespace(text.charAt(to - 1))) {
            to--;
        }
        int p = prefix.length();
        if (to == from) {
            while (p > 0 && Character.isWhitespace(prefix.charAt(p - 1))) {
                p--;
            }
        }
        w.append(prefix, 0, p).append(text, from, to);
        println();
    }

    /** Writes {@code text}, escaped and wrapped: the first line starts with {@code first}, the others with {@code next}. */
    private void para(String first, String next, CharSequence text) {
        Terminal.wrap(Terminal.escaped(text), width, first, next, stripped);
    }

    /** A line of its own: escaped, wrapped with a hanging indent of six. */
    private void line(CharSequence text) {
        para("", "      ", text);
    }

    /** {@link #sb}, emptied, to build a line in. */
    private StringBuilder sb() {
        sb.setLength(0);
        return sb;
    }

    @Override
    public void exchange(Exchange x) {
        String[] r = row(x);
        StringBuilder text = rowText;
        text.setLength(0);
        for (int i = 0; i < r.length; i++) {
            String v = Terminal.escape(r[i]);
            r[i] = v;
            longest[i] = Math.max(longest[i], v.length());
            longestShortened[i] = Math.max(longestShortened[i], shortenedLength(i, v));
            if (i > 0) {
                text.append('\0');
            }
            text.append(v);
        }
        startShortens |= r[COL_START].length() > 11;
        port500 |= r[COL_INITIATOR].endsWith(":500") || r[COL_RESPONDER].endsWith(":500");
        rows.add(x.startNanos(), x.id(), text);
        if (detailed.size() < MAX_DETAILED) {
            ladderText.reset();
            w = ladderText;
            try {
                ladder(x);
            } finally {
                w = output;
            }
            ladders.add(x.startNanos(), x.id(), ladderText.array(), ladderText.size());
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
        return endpoint(new StringBuilder(48), p).toString();
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
            println();
            table();
            if (detailed.stream().anyMatch(Exchange::stateInferred)) {
                line("  * inferred from an IKE_AUTH response (encrypted; its content is not known)");
            }
        }
        // The ladders in the order of their exchanges' start (then id), as the table.
        ladders.forEachSorted((b, off, len) -> {
            println();
            w.append(b, off, len);
            flushIfFull();
        });
        ladders.close();
        detailed.sort(Comparator.comparingLong(Exchange::startNanos).thenComparingLong(Exchange::id));
        for (Exchange x : detailed) {
            for (Finding f : x.findings()) {
                byCode.computeIfAbsent(f.code(), k -> new ArrayList<>()).add(new Object[] {x.id(), f});
            }
        }
        if (notDetailed > 0) {
            println();
            line(String.format(Locale.ROOT, "(%d more exchanges are in the table only: use --peer IP, or --format json)",
                    notDetailed));
        }
        findingsByCode();
        if (!findings.isEmpty()) {
            println();
            println("Findings across exchanges:");
            for (Finding f : findings) {
                finding(f);
            }
        }
        if (wordlist != null) {
            println();
            PskWordlistOutput.text(wordlist, showKeys).forEach(l -> println(Terminal.escape(l)));
        }
        println();
        para("-- ", "   ", String.format(Locale.ROOT, "%s frames: %s ISAKMP, %s ESP, %s NAT keepalive, %s other, %s malformed,"
                        + " %s duplicates; IKE SAs: %s (%s established)",
                stats.get("frames"), stats.get("isakmp"), stats.get("esp"), stats.get("natKeepalive"), stats.get("other"),
                stats.get("malformed"), stats.get("duplicates"), stats.get("exchanges"), stats.get("established")));
        for (String e : errors) {
            para("-- error: ", "   ", e);
        }
        w.writeTo(out);
        out.flush();
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
        rows.forEachSorted((b, off, len) -> {
            if (!ascii(b, off, len)) {
                String[] r = new String(b, off, len, StandardCharsets.UTF_8).split("\0", -1);
                for (int c = 0; c < r.length; c++) {
                    r[c] = t.note(c, t.cell(c, r[c]));
                }
                tableRow(r, t.dropped, widths);
                return;
            }
            asciiRow(t, widths, b, off, off + len);
        });
        rows.close();
        if (!changes.isEmpty()) {
            para("  (", "   ", "to fit " + width + " columns, " + String.join(", ", changes)
                    + "; the exchanges below show everything)");
        }
    }

    private void tableRow(String[] r, boolean[] dropped, int[] widths) {
        StringBuilder sb = sb().append("  ");
        for (int i = 0; i < r.length; i++) {
            if (dropped[i]) {
                continue;
            }
            sb.append(r[i]);
            for (int n = widths[i] - r[i].length() + 2; n > 0; n--) {
                sb.append(' ');
            }
        }
        printStripped("", sb, 0, sb.length());
    }

    private static boolean ascii(byte[] b, int from, int len) {
        for (int i = from; i < from + len; i++) {
            if (b[i] < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@link #tableRow} of a row whose text is ASCII (one byte a character, as good as every row),
     * written from its bytes: cells cut and padded in place, no string per row or cell. Its cells
     * are {@code b[from, to)} between NULs.
     */
    private void asciiRow(TableShape t, int[] widths, byte[] b, int from, int to) {
        int lineStart = w.size();
        w.append((byte) ' ').append((byte) ' ');
        int c = 0;
        int cell = from;
        for (int i = from; i <= to; i++) {
            if (i < to && b[i] != 0) {
                continue;
            }
            if (!t.dropped[c]) {
                int a = cell;
                int e = i;
                if (t.shortens(c)) {
                    if (c == COL_START) {
                        a = e - a > 11 ? a + 11 : a;
                    } else if (e - a >= 4 && b[e - 4] == ':' && b[e - 3] == '5' && b[e - 2] == '0' && b[e - 1] == '0') {
                        e -= 4;
                    }
                }
                int n = e - a;
                if (c == COL_NOTE && t.noteKeep >= 0 && n > t.noteKeep) {
                    w.append(b, a, t.noteKeep - 3).append((byte) '.').append((byte) '.').append((byte) '.');
                    n = t.noteKeep;
                } else {
                    w.append(b, a, n);
                }
                w.spaces(widths[c] - n + 2);
            }
            c++;
            cell = i + 1;
        }
        // As String.stripTrailing; of ASCII, white space is the space and the controls 9-13 and 28-31.
        int end = w.size();
        byte[] out = w.array();
        while (end > lineStart && (out[end - 1] == ' ' || out[end - 1] >= 9 && out[end - 1] <= 13
                || out[end - 1] >= 28 && out[end - 1] <= 31)) {
            end--;
        }
        w.truncate(end);
        println();
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
        int n = shortenedLength(c, v);
        return c == COL_START ? v.substring(v.length() - n) : v.substring(0, n);
    }

    /** The length of {@link #shortened}{@code (c, v)}. */
    private static int shortenedLength(int c, CharSequence v) {
        int n = v.length();
        if (c == COL_START) {
            return n > 11 ? n - 11 : n;
        }
        if (c == COL_INITIATOR || c == COL_RESPONDER) {
            return endsWith500(v, 0, n) ? n - 4 : n;
        }
        return n;
    }

    private static boolean endsWith500(CharSequence v, int from, int to) {
        return to - from >= 4 && v.charAt(to - 4) == ':' && v.charAt(to - 3) == '5' && v.charAt(to - 2) == '0'
                && v.charAt(to - 1) == '0';
    }

    /** Spaces from {@code b}'s length to {@code to} characters. */
    private static StringBuilder padTo(StringBuilder b, int to) {
        for (int i = b.length(); i < to; i++) {
            b.append(' ');
        }
        return b;
    }

    /** {@code v} with spaces before it to {@code width} characters (as {@code %Nd}). */
    private static StringBuilder padLeft(StringBuilder b, long v, int width) {
        int at = b.length();
        b.append(v);
        for (int i = b.length() - at; i < width; i++) {
            b.insert(at, ' ');
        }
        return b;
    }

    /** {@code ip:port} as {@link #endpoint(Peer)}. */
    private static StringBuilder endpoint(StringBuilder b, Peer p) {
        boolean v6 = p.ip().indexOf(':') >= 0;
        if (v6) {
            b.append('[');
        }
        b.append(p.ip());
        if (v6) {
            b.append(']');
        }
        return p.port() > 0 ? b.append(':').append(p.port()) : b;
    }

    /**
     * One exchange's ladder. Lines are built in {@link #sb} and written through {@link #para}, with
     * no format string and no string per line: at 5,000 ladders a capture this was most of the
     * text report's time and allocation.
     */
    private void ladder(Exchange x) {
        StringBuilder b = sb().append('#').append(x.id()).append(' ').append(x.mode().label()).append(' ');
        endpoint(b, x.initiator()).append(" -> ");
        endpoint(b, x.responder()).append("  i=").append(x.version() == 0 ? "-" : x.ispiHex())
                .append(" r=").append(x.rspi() == 0 ? "-" : x.rspiHex());
        line(b);
        if (files.size() > 1) {
            para("   file: ", "      ", x.file());
        }
        b = sb().append("state: initiator ").append(orDash(Names.state(x.initiatorState()))).append(", responder ")
                .append(orDash(Names.state(x.responderState())));
        if (x.timeToEstablishedNanos() >= 0) {
            ms(b.append("; phase 1 took "), x.timeToEstablishedNanos());
        }
        para("   ", "      ", b);
        if (x.proposal() != null) {
            para("   chosen:  ", "            ", proposal(sb(), x.proposal()));
        }
        if (!x.offered().isEmpty()) {
            b = sb();
            for (int i = 0; i < x.offered().size(); i++) {
                proposal(i == 0 ? b : b.append(" | "), x.offered().get(i));
            }
            para("   offered: ", "            ", b);
        }
        peerLine("   initiator: ", x.initiator(), x.initiatorIdentity());
        peerLine("   responder: ", x.responder(), x.responderIdentity());
        if (x.decryption() != null) {
            para("   decryption: ", "      ", x.decryption().describe());
        }
        Map<Long, Informational> informational = null;
        if (!x.informational().isEmpty()) {
            informational = new java.util.HashMap<>();
            for (Informational i : x.informational()) {
                informational.put(i.frame(), i);
            }
        }
        long base = x.startNanos();
        boolean severalFiles = severalFiles(x.messages());
        for (ExchangeMessage m : x.messages()) {
            message(m, base, informational == null ? null : informational.get(m.frame()), severalFiles);
        }
        if (x.messagesDropped() > 0) {
            line(sb().append("   ... ").append(x.messagesDropped()).append(" more messages"));
        }
        for (QuickMode q : x.quickModes()) {
            quickMode(q);
        }
        for (EspFlow f : x.esp()) {
            line(sb().append("   ESP spi ").append(f.spiHex()).append(' ').append(f.from() == Side.INITIATOR ? "I->R" : "I<-R")
                    .append(": ").append(f.packets()).append(" packets, ").append(f.bytes()).append(" bytes, frames ")
                    .append(f.firstFrame()).append("..").append(f.lastFrame()));
        }
        if (x.natKeepalives() > 0) {
            line(sb().append("   NAT-T keepalives: ").append(x.natKeepalives()));
        }
        if (x.natDetection().note() != null) {
            para("   NAT-D: ", "      ", x.natDetection().note());
        }
        for (IcmpEvidence i : x.icmpErrors()) {
            b = sb().append("   ICMP ").append(i.description()).append(" (frame ").append(i.frame()).append(") for the ")
                    .append(i.quotedFrom().label()).append("'s ");
            if (i.quoted() == null) {
                b.append("message");
            } else {
                b.append(i.quoted().label()).append(" (frame ").append(i.quotedFrame()).append(')');
            }
            line(b);
        }
        for (IncompleteFragmentSet f : x.incompleteFragmentSets()) {
            b = sb().append("   incomplete ").append(f.kind() == FragmentKind.IP ? "IP" : "IKE").append(" fragments from the ")
                    .append(f.from().label()).append(": frames ");
            frames(b, f.frames()).append(", ").append(f.bytes()).append(" B received, never completed");
            line(b);
        }
        for (String n : x.notes()) {
            para("   note: ", "      ", n);
        }
        for (Finding f : x.findings()) {
            para("   ", "      ", heading(sb(), f));
            asa(f, "      ");
        }
    }

    /** Whether the messages come from more than one file. */
    private static boolean severalFiles(List<ExchangeMessage> messages) {
        for (ExchangeMessage m : messages) {
            if (!java.util.Objects.equals(m.file(), messages.get(0).file())) {
                return true;
            }
        }
        return false;
    }

    /** A message's line of the ladder: {@code "   %-24s %s %6d  +%s  %s%5d B"}, then its items. */
    private void message(ExchangeMessage m, long base, Informational info, boolean severalFiles) {
        StringBuilder b = sb().append("   ").append(m.label());
        if (m.step().quickMode() || m.step() == Step.INFORMATIONAL || m.step() == Step.TRANSACTION) {
            b.append(' ').append(m.messageIdHex());
        }
        padTo(b, 3 + 24).append(' ').append(m.from() == Side.INITIATOR ? "I->R" : "I<-R").append(' ');
        padLeft(b, m.frame(), 6).append("  +").append(Times.relative(m.timeNanos(), base))
                .append("  ").append(m.decrypted() ? "dec " : m.encrypted() ? "enc " : "    ");
        padLeft(b, m.size(), 5).append(" B");
        items(b);
        if (m.srcPort() != 500 || m.dstPort() != 500) {
            item(sb().append(m.srcPort()).append('>').append(m.dstPort()));
        }
        if (m.isRetransmission()) {
            // The first copy is #1: the first retransmission of frame 7 is "(#2)".
            item(sb().append("retransmission of frame ").append(m.retransmissionOf()).append(" (#")
                    .append(m.retransmissionNumber() + 1).append(')'));
        }
        if (m.inResponseTo() != 0) {
            item(ms(sb().append("answers ").append(m.inResponseTo()).append(" ("), m.rttNanos()).append(')'));
        }
        List<String> items = MessageItems.of(m, info);
        for (int i = 0; i < items.size(); i++) {
            item(items.get(i));
        }
        if (severalFiles) {
            item(sb().append('[').append(java.nio.file.Path.of(m.file()).getFileName()).append(']'));
        }
        Terminal.wrap(itemLine, width, "", INDENT, stripped);
    }

    /** What a readable quick mode proposed and chose: {@code quick mode 06cbd340 (initiator): QM_DONE; proxy IDs ...}. */
    private void quickMode(QuickMode q) {
        if (q.offered().isEmpty() && q.chosen() == null && q.proxyIds().isEmpty()) {
            return;
        }
        StringBuilder sb = sb().append("quick mode ").append(q.messageIdHex()).append(" (").append(q.initiator().label())
                .append("): ").append(q.state().name());
        if (q.proxyIds().size() == 2) {
            sb.append("; proxy IDs ").append(q.proxyIds().get(0).describe()).append(" <-> ").append(q.proxyIds().get(1).describe());
        }
        if (q.answeredProxyIds().size() == 2 && !q.answeredProxyIds().equals(q.proxyIds())) {
            sb.append("; answered ").append(q.answeredProxyIds().get(0).describe()).append(" <-> ")
                    .append(q.answeredProxyIds().get(1).describe());
        }
        if (!q.offered().isEmpty()) {
            sb.append("; offered ");
            for (int i = 0; i < q.offered().size(); i++) {
                sb.append(i == 0 ? "" : " | ").append(phase2(q.offered().get(i)));
            }
        }
        if (q.chosen() != null) {
            sb.append("; chosen ").append(phase2(q.chosen()));
        }
        para("   ", "      ", sb);
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
    private static final String INDENT = " ".repeat(MESSAGE_TAIL);

    /**
     * Starts a message line with its fixed part; {@link #item} adds its items two spaces apart: an
     * item that does not fit goes to the next line, under the frame number, whole (wrapped only
     * when it alone is too long). The line is written wrapped at the end of the message.
     */
    private void items(CharSequence first) {
        itemLine.setLength(0);
        itemLine.append(Terminal.escaped(first));
    }

    private void item(CharSequence raw) {
        CharSequence item = Terminal.escaped(raw);
        if (itemLine.length() + 2 + item.length() > width && itemLine.length() > MESSAGE_TAIL) {
            println(itemLine);
            itemLine.setLength(0);
            itemLine.append(INDENT);
        } else {
            itemLine.append("  ");
        }
        itemLine.append(item);
    }

    /** "[error] auth.psk-mismatch (likely): title (frames 7, 8)": the confidence next to the code. */
    private static StringBuilder heading(StringBuilder b, Finding f) {
        b.append('[').append(f.severity().label()).append("] ").append(f.code()).append(" (").append(f.confidence().label())
                .append("): ").append(f.title());
        return f.evidence().isEmpty() ? b : frames(b.append(" (frames "), f.evidence()).append(')');
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

    /** The first twelve frames, then how many there are: {@code 7, 8, 9, ... (40)}. */
    private static StringBuilder frames(StringBuilder b, List<Long> evidence) {
        int n = Math.min(12, evidence.size());
        for (int i = 0; i < n; i++) {
            (i == 0 ? b : b.append(", ")).append(evidence.get(i));
        }
        return evidence.size() <= 12 ? b : b.append(", ... (").append(evidence.size()).append(')');
    }

    /**
     * The findings of the exchanges, once per code: which exchanges have it, and the explanation and
     * what to check of its first occurrence (they differ only in addresses and frames).
     */
    private void findingsByCode() {
        if (byCode.isEmpty()) {
            return;
        }
        println();
        println("Findings by code (explanation of the first exchange that has it):");
        List<Map.Entry<String, List<Object[]>>> codes = new ArrayList<>(byCode.entrySet());
        codes.sort(Comparator.comparing((Map.Entry<String, List<Object[]>> e) -> ((Finding) e.getValue().get(0)[1]).severity())
                .reversed().thenComparing(Map.Entry::getKey));
        for (Map.Entry<String, List<Object[]>> e : codes) {
            Finding first = (Finding) e.getValue().get(0)[1];
            // The exchanges in the order they first have the code (a set: a list's contains was quadratic).
            java.util.Set<Object> ids = new java.util.LinkedHashSet<>();
            for (Object[] o : e.getValue()) {
                ids.add(o[0]);
            }
            StringBuilder b = sb().append('[').append(first.severity().label()).append("] ").append(e.getKey()).append(" (")
                    .append(first.confidence().label()).append("): ").append(ids.size()).append(" exchange")
                    .append(ids.size() == 1 ? "" : "s").append(": ");
            int shown = 0;
            for (Object id : ids) {
                if (shown == 20) {
                    b.append(" ...");
                    break;
                }
                (shown++ == 0 ? b : b.append(' ')).append('#').append(id);
            }
            para("  ", "      ", b);
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

    /** {@code first}: the ports, the implementation, the ID, the names of the vendor IDs; nothing when none is known. */
    private void peerLine(String first, Peer p, Identity id) {
        if (p.vendorIds().isEmpty() && p.implementation() == null && id == null && p.ports().size() <= 1) {
            return;
        }
        StringBuilder b = sb();
        // Parts joined by "; " (an empty part too).
        boolean some = false;
        if (p.ports().size() > 1) {
            b.append("ports ").append(p.ports());
            some = true;
        }
        if (p.implementation() != null) {
            (some ? b.append("; ") : b).append(p.implementation());
            some = true;
        }
        if (id != null) {
            (some ? b.append("; ") : b).append("ID ").append(id.typeName()).append(' ').append(id.value());
            some = true;
        }
        // The names of the vendor IDs, each once.
        List<VendorIdView> vids = p.vendorIds();
        int named = 0;
        for (int i = 0; i < vids.size(); i++) {
            String name = vids.get(i).name();
            if (name == null || named(vids, i, name)) {
                continue;
            }
            (named++ > 0 ? b.append(", ") : (some ? b.append("; ") : b).append("VIDs: ")).append(name);
        }
        para(first, "      ", b);
    }

    /** Whether a vendor ID before {@code i} has {@code name}. */
    private static boolean named(List<VendorIdView> vids, int i, String name) {
        for (int j = 0; j < i; j++) {
            if (name.equals(vids.get(j).name())) {
                return true;
            }
        }
        return false;
    }

    private void finding(Finding f) {
        para("  ", "      ", heading(sb(), f));
        body(f);
        asa(f, "      ");
    }

    static String proposal(Suite p) {
        return proposal(new StringBuilder(), p).toString();
    }

    /** {@code AES-CBC-256/SHA1/PSK/group 14 (MODP2048)/86400 s}: what is known of the suite, joined by slashes. */
    private static StringBuilder proposal(StringBuilder b, Suite p) {
        b.append(encryption(p));
        String hash = hash(p);
        if (hash != null) {
            b.append('/').append(hash);
        }
        if (Names.prf(p) != null) {
            b.append("/PRF ").append(Names.prf(p));
        }
        if (Names.auth(p) != null) {
            b.append('/').append(Names.auth(p));
        }
        if (p.group() > 0) {
            b.append("/group ").append(p.group()).append(" (").append(Names.group(p.group())).append(')');
        }
        if (p.lifetimeSeconds() > 0) {
            b.append('/').append(p.lifetimeSeconds()).append(" s");
        }
        if (p.lifetimeKilobytes() > 0) {
            b.append('/').append(p.lifetimeKilobytes()).append(" KB");
        }
        return b;
    }

    private static String orDash(String s) {
        return s == null ? "-" : s;
    }

    static String ms(long nanos) {
        return ms(new StringBuilder(12), nanos).toString();
    }

    /**
     * A duration: {@code 12.35 ms}, from a second {@code 1.234 s}; {@code ?} when negative. Below a
     * second written from the nanoseconds, as {@code %.2f} of {@code nanos / 1e6} does (half up of
     * the decimal digits; a value under a second has few enough of them that the double keeps them
     * exactly): a Formatter per message answered was a good part of the ladders' time.
     */
    static StringBuilder ms(StringBuilder b, long nanos) {
        if (nanos < 0) {
            return b.append('?');
        }
        if (nanos >= 1_000_000_000L) {
            return b.append(String.format(Locale.ROOT, "%.3f s", nanos / 1e6 / 1000));
        }
        long hundredths = (nanos + 5_000) / 10_000;
        b.append(hundredths / 100).append('.');
        long cents = hundredths % 100;
        return (cents < 10 ? b.append('0') : b).append(cents).append(" ms");
    }
}
