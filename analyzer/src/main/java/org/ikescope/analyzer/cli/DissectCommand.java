package org.ikescope.analyzer.cli;

import org.ikescope.analyzer.analysis.CaptureOpener;
import org.ikescope.analyzer.analysis.CaptureReading;
import org.ikescope.analyzer.analysis.Handoff;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.ikescope.analyzer.output.JsonOut;
import org.ikescope.analyzer.output.JsonFieldSink;
import org.ikescope.analyzer.output.JsonSchema;
import org.ikescope.analyzer.output.MessageDescriber;
import org.ikescope.analyzer.output.PskWordlistOutput;
import org.ikescope.analyzer.output.Terminal;
import org.ikescope.analyzer.output.Times;
import org.ikescope.analyzer.output.TreeFieldSink;
import org.ikescope.api.protocol.ExchangeType;
import org.ikescope.api.protocol.PayloadType;
import org.ikescope.dissector.event.CaptureStats;
import org.ikescope.dissector.event.DissectionListener;
import org.ikescope.dissector.event.FrameEvent;
import org.ikescope.dissector.event.MessageEvent;
import org.ikescope.dissector.isakmp.IsakmpMessage;
import org.ikescope.dissector.keys.KeyMaterial;
import org.ikescope.dissector.session.Decryption;
import org.ikescope.dissector.session.KeyedSessions;
import org.ikescope.dissector.session.PskWordlistSearch;
import org.ikescope.dissector.isakmp.Payload;
import org.ikescope.dissector.model.Diagnostic;
import org.ikescope.dissector.pipeline.Dissector;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ikescope dissect}: one line (or record, or tree) per ISAKMP message. */
@Command(name = "dissect", versionProvider = Main.Version.class,
        footer = {"%nExamples:",
                "  ikescope dissect capture.pcap",
                "  ikescope dissect -V --ike-port 10500 capture.pcapng.gz",
                "  tcpdump -w - udp port 500 | ikescope dissect --format jsonl -"},
        description = {"Dissect every ISAKMP message (UDP 500, and 4500 after the non-ESP marker).",
                "Exit codes: 0 done (also with malformed packets), 2 usage, 3 a file damaged or unreadable, 4 output could not be written, 6 internal error, 7 out of memory."})
public final class DissectCommand implements Callable<Integer> {
    @Mixin
    HelpOptions help = new HelpOptions();

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "pcap or pcapng files, optionally gzipped; - for standard input.")
    List<String> files;

    @Option(names = "--format", paramLabel = "FORMAT", description = "text (default) or jsonl.")
    String format = "text";

    @Option(names = "-V", description = "Show the full payload tree of each message.")
    boolean verbose;

    @Mixin
    InputOptions input = new InputOptions();

    @Mixin
    KeyOptions keys = new KeyOptions();

    @Mixin
    ShowKeysOption show = new ShowKeysOption();

    @Override
    public Integer call() throws IOException {
        if (!format.equals("text") && !format.equals("jsonl")) {
            System.err.println("ikescope: --format: " + format + " (expected: text or jsonl)");
            return Main.EXIT_USAGE;
        }
        if (InputOptions.reportAllMissing(files)) {
            return Main.EXIT_DAMAGED;
        }
        // Through System.out (not FileDescriptor.out) so that Main.run callers, tests included, can redirect it.
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        CaptureReading runner;
        try {
            runner = new CaptureReading(CaptureOpener.named(input.reader), line -> System.err.println("ikescope: " + Terminal.escape(line)));
        } catch (IllegalArgumentException e) {
            System.err.println("ikescope: " + Terminal.escape(e.getMessage()));
            return Main.EXIT_USAGE;
        }
        KeyMaterial keyMaterial = keys.loadOrReport();
        if (keyMaterial == null) {
            return Main.EXIT_USAGE;
        }
        Dissector dissector = new Dissector(input.dissectorOptions().withKeys(keyMaterial));
        PskWordlistSearch.Result wordlist;
        try {
            if (format.equals("jsonl")) {
                wordlist = jsonl(out, runner, dissector);
            } else {
                wordlist = text(out, runner, dissector);
            }
        } finally {
            out.flush();
        }
        if (wordlist != null && wordlist.error() != null) {
            System.err.println("ikescope: " + wordlist.error());
            return Main.EXIT_USAGE;
        }
        return runner.errors().isEmpty() ? Main.EXIT_OK : Main.EXIT_DAMAGED;
    }

    /** The wordlist search after the capture ({@code --psk-wordlist}), or null without a wordlist. */
    private static PskWordlistSearch.Result searchWordlist(Dissector dissector) {
        KeyedSessions k = dissector.keyed();
        return k == null || k.keys().wordlist() == null ? null
                : PskWordlistSearch.run(k.keys().wordlist(), k.pskTargets(), k.pskTargetsDropped());
    }

    private PskWordlistSearch.Result jsonl(PrintStream out, CaptureReading runner, Dissector dissector) throws IOException {
        JsonOut g = new JsonOut(out);
        JsonFieldSink sink = new JsonFieldSink(g);
        DissectionListener listener = new DissectionListener() {
            @Override
            public void message(MessageEvent e) {
                try {
                    g.writeStartObject();
                    JsonSchema.version(g);
                    MessageDescriber.describe(e, sink);
                    g.writeEndObject();
                    g.writeNewline();
                    g.writeIfFull();
                } catch (IOException ex) {
                    throw new UncheckedIOException(ex);
                }
            }
        };
        try (Handoff<Object> h = writer(listener)) {
            for (String f : files) {
                read(runner, dissector, f, listener, h);
            }
        }
        g.writeStartObject();
        JsonSchema.version(g);
        g.writeObjectFieldStart("stats");
        for (Map.Entry<String, Long> c : runner.total().asMap().entrySet()) {
            g.writeNumberField(c.getKey(), c.getValue());
        }
        g.writeBooleanField("balanced", runner.total().balanced());
        g.writeArrayFieldStart("errors");
        for (String e : runner.errors()) {
            g.writeString(e);
        }
        g.writeEndArray();
        g.writeEndObject();
        PskWordlistSearch.Result wordlist = searchWordlist(dissector);
        if (wordlist != null) {
            PskWordlistOutput.json(g, wordlist, show.showKeys);
        }
        g.writeEndObject();
        g.writeNewline();
        g.flush();
        return wordlist;
    }

    private PskWordlistSearch.Result text(PrintStream out, CaptureReading runner, Dissector dissector) {
        PrintWriter w = new PrintWriter(out, false, StandardCharsets.UTF_8);
        DissectionListener listener = new DissectionListener() {
            @Override
            public void message(MessageEvent e) {
                w.println(summary(e, runner.firstFrameNanos()));
                if (verbose) {
                    TreeFieldSink tree = new TreeFieldSink(w, 1);
                    MessageDescriber.describe(e.message(), tree);
                    for (Diagnostic d : e.message().diagnostics()) {
                        w.println("    ! " + d.code() + " at offset " + d.offset() + ": " + d.detail());
                    }
                    w.println();
                } else {
                    for (Diagnostic d : e.message().diagnostics()) {
                        w.println("      ! " + d.code() + " at offset " + d.offset() + ": " + d.detail());
                    }
                }
            }

            @Override
            public void frame(FrameEvent e) {
                if (e.diagnostic() != null) {
                    w.println(e.frame() + "  " + Times.relative(e.timeNanos(), runner.firstFrameNanos()) + "  malformed: "
                            + e.diagnostic().code() + " at offset " + e.diagnostic().offset() + ": " + e.diagnostic().detail());
                }
            }
        };
        try (Handoff<Object> h = writer(listener)) {
            for (String f : files) {
                if (files.size() > 1) {
                    w.println("== " + Terminal.escape(f));
                }
                read(runner, dissector, f, listener, h);
                w.flush();
            }
        }
        CaptureStats s = runner.total();
        w.printf(Locale.ROOT, "-- %d frames: %d ISAKMP, %d ESP, %d NAT keepalive, %d other, %d malformed, %d IP fragments, %d duplicates (%d ISAKMP messages)%n",
                s.frames, s.isakmp, s.esp, s.natKeepalive, s.other, s.malformed, s.fragments, s.duplicates, s.messages);
        PskWordlistSearch.Result wordlist = searchWordlist(dissector);
        if (wordlist != null) {
            PskWordlistOutput.text(wordlist, show.showKeys).forEach(w::println);
        }
        w.flush();
        return wordlist;
    }

    /** Writing on a second core ({@link #writer}); tests switch it off to compare the outputs. */
    static boolean parallel = Runtime.getRuntime().availableProcessors() >= 2;

    /**
     * A worker that writes with {@code out} on a second core while this thread dissects (issue 10:
     * writing is half of {@code dissect}), or null on one processor. Messages and frames never
     * change once reported, so the worker writes them in order, as this thread would have.
     */
    private static Handoff<Object> writer(DissectionListener out) {
        if (!parallel) {
            return null;
        }
        return new Handoff<>("ikescope-write", o -> {
            if (o instanceof MessageEvent m) {
                out.message(m);
            } else {
                out.frame((FrameEvent) o);
            }
        });
    }

    /** Reads {@code file} into {@code out}, through {@code worker} when there is one; returns once all is written. */
    private static void read(CaptureReading runner, Dissector dissector, String file, DissectionListener out,
                             Handoff<Object> worker) {
        if (worker == null) {
            runner.read(dissector, file, out);
            return;
        }
        runner.read(dissector, file, new DissectionListener() {
            @Override
            public void message(MessageEvent e) {
                worker.accept(e);
            }

            @Override
            public void frame(FrameEvent e) {
                worker.accept(e);
            }
        });
        worker.awaitFinished();
    }

    /** {@code 5  0.003868  192.0.2.22:500 → 192.0.2.112:500  IKEv1 Main Mode  i=895adbcf.. r=bf04c8c0..  [KE NONCE NAT-D NAT-D]}. */
    static String summary(MessageEvent e, long base) {
        IsakmpMessage m = e.message();
        StringBuilder sb = new StringBuilder(128);
        sb.append(e.frame()).append("  ").append(Times.relative(e.timeNanos(), base)).append("  ")
                .append(e.src()).append(" → ").append(e.dst()).append("  ");
        sb.append(m.isIkev2() ? "IKEv2 " : "IKEv1 ");
        ExchangeType t = ExchangeType.of(m.exchangeType());
        // An unassigned type by its registry range, as in jsonl and analyze: UNASSIGNED (190).
        sb.append(t == ExchangeType.UNKNOWN ? ExchangeType.nameOf(m.exchangeType()) + " (" + m.exchangeType() + ")" : t.displayName());
        if (m.isIkev2()) {
            sb.append(m.hasFlag(IsakmpMessage.FLAG_RESPONSE) ? " response" : " request");
            sb.append(" MID=").append(Integer.toUnsignedString(m.messageId()));
        } else if (m.messageId() != 0) {
            sb.append(" MID=").append(m.messageIdHex());
        }
        sb.append("  i=").append(m.ispiHex(), 0, 8).append("..").append(" r=").append(m.rspiHex(), 0, 8).append("..  [");
        if (m.encrypted() && m.payloads().isEmpty()) {
            sb.append("encrypted, ").append(m.encryptedLength()).append(" bytes");
            if (e.decryption() != null) {
                sb.append("; ").append(e.decryption().status() == Decryption.Status.NO_KEYS ? "no keys" : "not decrypted");
            }
        } else {
            if (m.decrypted()) {
                sb.append("decrypted: ");
            }
            boolean first = true;
            for (Payload p : m.payloads()) {
                if (!first) {
                    sb.append(' ');
                }
                first = false;
                sb.append(abbreviation(p));
            }
        }
        sb.append(']');
        if (e.nonEspMarker()) {
            sb.append(" (NAT-T)");
        }
        if (e.duplicateOf() != 0) {
            sb.append(" (duplicate of ").append(e.duplicateOf()).append(')');
        }
        if (e.quotedByIcmp()) {
            sb.append(" (quoted in ICMP error type ").append(e.icmpType()).append(" code ").append(e.icmpCode()).append(')');
        }
        if (!e.ipFragmentFrames().isEmpty()) {
            sb.append(" (").append(e.ipFragmentFrames().size()).append(" IP fragments)");
        }
        if (!e.ikeFragmentFrames().isEmpty()) {
            sb.append(" (reassembled from ").append(e.ikeFragmentFrames().size()).append(" IKE fragments)");
        }
        if (m.malformed()) {
            sb.append(" [malformed]");
        }
        return sb.toString();
    }

    private static String abbreviation(Payload p) {
        if (p.name().startsWith("NAT_D")) {
            return "NAT-D";
        }
        if (p.name().startsWith("NAT_OA")) {
            return "NAT-OA";
        }
        PayloadType t = PayloadType.of(p.type());
        return t == PayloadType.UNKNOWN ? String.valueOf(p.type()) : t.abbreviation();
    }
}
