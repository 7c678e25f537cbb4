package org.ikescope.analyzer.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.ikescope.analyzer.analysis.Analysis;
import org.ikescope.analyzer.analysis.AnalysisSink;
import org.ikescope.analyzer.analysis.CaptureOpener;
import org.ikescope.analyzer.exchange.EspFlow;
import org.ikescope.analyzer.exchange.Exchange;
import org.ikescope.analyzer.exchange.ExchangeMessage;
import org.ikescope.analyzer.output.Terminal;
import org.ikescope.api.plugin.Finding;
import org.ikescope.dissector.capture.Frame;
import org.ikescope.dissector.capture.MergedSource;
import org.ikescope.dissector.capture.PacketSource;
import org.ikescope.dissector.export.Anonymizer;
import org.ikescope.dissector.export.PcapWriter;
import org.ikescope.dissector.model.Addresses;
import org.ikescope.dissector.net.Datagram;
import org.ikescope.dissector.net.FragmentTable;
import org.ikescope.dissector.net.NetDecoder;
import org.ikescope.dissector.net.NetKind;
import org.ikescope.dissector.pipeline.Dissector;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ikescope extract}: the frames of one peer's IKE SAs as a pcap, for a support case.
 *
 * <p>Two passes. The first is the analysis of {@code analyze --peer} (each file its own
 * timeline): it says which frames belong to the peer's IKE SAs (messages, their IP and IKE
 * fragments, fragments that never completed, ICMP errors quoting them), and which ESP SPIs they
 * set up. The second reads the captures again, merged by time, and writes those frames, and with
 * {@code --with-esp} the ESP packets of those SPIs between the same two addresses; with
 * {@code --anonymize} each frame goes through an {@link Anonymizer} first (frames of a link type
 * it cannot rewrite are left out and counted).
 */
@Command(name = "extract", versionProvider = Main.Version.class,
        footer = {"%nExamples:",
                "  ikescope extract --peer 192.0.2.22 -o peer.pcap capture.pcap",
                "  ikescope extract --peer 192.0.2.22 --ispi 895adbcffec4f4a0 --with-esp --anonymize -o case.pcap a.pcap b.pcap"},
        description = {"Write the frames of one peer's IKE SAs (IKE messages, IP and IKE fragments, ICMP errors quoting them;"
                + " with --with-esp their ESP) to a pcap file, e.g. for a vendor's support case.",
                "--anonymize maps addresses consistently and prefix-preserving, replaces identities and certificates, and"
                        + " recomputes NAT-D hashes, so that ikescope analyze gives the same states and findings.",
                "Exit codes: 0 done, 2 usage (also: no IKE SA of that peer, nothing written), 3 a file damaged or unreadable, 4 output could not be written, 6 internal error, 7 out of memory."})
public final class ExtractCommand implements Callable<Integer> {
    @Mixin
    HelpOptions help = new HelpOptions();

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "pcap or pcapng files, optionally gzipped.")
    List<String> files;

    @Option(names = "--peer", required = true, paramLabel = "IP", description = "The peer (initiator or responder address) whose IKE SAs to extract.")
    String peer;

    @Option(names = "--ispi", paramLabel = "COOKIE", description = "Only the IKE SA with this initiator cookie (16 hex digits).")
    String ispi;

    @Option(names = "--with-esp", description = "Also the ESP packets of the SPIs these SAs set up, between the same two addresses.")
    boolean withEsp;

    @Option(names = "--anonymize", description = "Map addresses (prefix-preserving, consistent), replace identities and certificates.")
    boolean anonymize;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "The pcap file to write.")
    Path output;

    @Mixin
    InputOptions input = new InputOptions();

    /** What the first pass chose: frames per file, and per file the ESP SPIs (by address pair) to keep. */
    private final Map<String, Set<Long>> frames = new HashMap<>();
    private final Set<String> espKeys = new HashSet<>();
    /** Per file the chosen SAs' address pairs, for their NAT-T keepalives. */
    private final Set<String> pairs = new HashSet<>();

    @Override
    public Integer call() throws IOException {
        byte[] address = Addresses.parse(peer);
        if (address == null) {
            return usage("--peer: " + peer + " (expected: an IPv4 or IPv6 address)");
        }
        String peerIp = Addresses.format(address);
        long cookie = 0;
        if (ispi != null) {
            if (!ispi.matches("(?i)(0x)?[0-9a-f]{16}")) {
                return usage("--ispi: " + ispi + " (expected: the initiator cookie, 16 hex digits)");
            }
            cookie = Long.parseUnsignedLong(ispi.replaceFirst("(?i)^0x", ""), 16);
        }
        if (files.contains("-")) {
            return usage("FILE: - (expected: files; extract reads every capture twice)");
        }
        if (InputOptions.reportAllMissing(files)) {
            return Main.EXIT_DAMAGED;
        }
        Path dir = output.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir) || !Files.isWritable(dir)) {
            return usage("-o " + output + ": cannot write there (expected: a file in a writable directory)");
        }
        Dissector.Options dissectorOptions;
        CaptureOpener opener;
        try {
            dissectorOptions = input.dissectorOptions();
            opener = CaptureOpener.named(input.reader);
        } catch (IllegalArgumentException e) {
            return usage(e.getMessage());
        }
        List<String> errors = new ArrayList<>();
        for (String file : files) {
            Analysis.Result r = Analysis.builder().opener(opener).dissector(dissectorOptions).peer(peerIp)
                    .errors(line -> System.err.println("ikescope: " + Terminal.escape(line))).build()
                    .run(List.of(file), new Chooser(file, cookie));
            errors.addAll(r.errors());
        }
        if (frames.values().stream().allMatch(Set::isEmpty)) {
            System.err.println("ikescope: no IKE SA of " + peerIp + (ispi == null ? "" : " with initiator cookie " + ispi)
                    + " in " + Terminal.escape(String.join(", ", files)) + "; nothing written");
            return errors.isEmpty() ? Main.EXIT_USAGE : Main.EXIT_DAMAGED;
        }
        Anonymizer anonymizer = anonymize
                ? Anonymizer.withRandomKey(dissectorOptions.ikePorts(), dissectorOptions.nattPorts()) : null;
        long[] counts = write(opener, dissectorOptions, anonymizer);
        System.err.println("ikescope: wrote " + counts[0] + " frames to " + Terminal.escape(output.toString())
                + (counts[3] > 0 ? " (and " + counts[3] + " that mark when the original capture started or ended)" : "")
                + (counts[1] > 0 ? "; left out " + counts[1] + " frames of another link type" : "")
                + (counts[2] > 0 ? "; left out " + counts[2] + " frames that could not be anonymized" : "")
                + (anonymizer == null ? "" : "; anonymized: " + anonymizer.identitiesReplaced() + " identities, "
                        + anonymizer.certificatesReplaced() + " certificates or requests replaced, "
                        + anonymizer.natHashesRecomputed() + " NAT-D hashes recomputed"
                        + (anonymizer.fragmentedPayloads() > 0 ? ", " + anonymizer.fragmentedPayloads()
                        + " IP-fragmented datagrams with payloads left as they were (only addresses mapped)" : "")));
        return errors.isEmpty() ? Main.EXIT_OK : Main.EXIT_DAMAGED;
    }

    /** Collects the frames and ESP SPIs of the chosen exchanges of one file. */
    private final class Chooser implements AnalysisSink {
        private final String file;
        private final long cookie;

        Chooser(String file, long cookie) {
            this.file = file;
            this.cookie = cookie;
        }

        @Override
        public void exchange(Exchange x) {
            if (cookie != 0 && x.ispi() != cookie) {
                return;
            }
            Set<Long> mine = frames.computeIfAbsent(file, k -> new HashSet<>());
            for (ExchangeMessage m : x.messages()) {
                // With several captures of one timeline a message names its own; here each file is one.
                mine.add(m.frame());
            }
            mine.addAll(x.frames());
            pairs.add(espKey(file, x.initiator().ip(), x.responder().ip(), 0));
            pairs.add(espKey(file, x.responder().ip(), x.initiator().ip(), 0));
            for (EspFlow e : x.esp()) {
                String from = (e.from() == org.ikescope.api.plugin.Side.INITIATOR ? x.initiator() : x.responder()).ip();
                String to = (e.from() == org.ikescope.api.plugin.Side.INITIATOR ? x.responder() : x.initiator()).ip();
                espKeys.add(espKey(file, from, to, e.spi()));
            }
        }

        @Override
        public void end(List<Finding> findings, Map<String, Object> stats, List<String> errors) {
        }
    }

    private static String espKey(String file, String from, String to, long spi) {
        return file + "\u0000" + from + "\u0000" + to + "\u0000" + (spi & 0xffffffffL);
    }

    /**
     * The second pass: returns frames written, left out for their link type, left out as not
     * anonymizable, and capture-window markers written.
     */
    private long[] write(CaptureOpener opener, Dissector.Options options, Anonymizer anonymizer) throws IOException {
        List<PacketSource> sources = new ArrayList<>();
        for (String f : files) {
            try {
                sources.add(opener.open(f));
            } catch (IOException e) {
                // Reported by the first pass.
            }
        }
        long[] counts = new long[4];
        NetDecoder net = new NetDecoder(new FragmentTable());
        Datagram d = new Datagram();
        Path tmp = output.resolveSibling(output.getFileName() + ".part");
        PcapWriter writer = null;
        byte[] buf = new byte[65_536];
        long firstTime = Long.MIN_VALUE;
        long lastTime = Long.MIN_VALUE;
        long lastWritten = Long.MIN_VALUE;
        try (PacketSource src = new MergedSource(sources)) {
            Frame frame = new Frame();
            while (src.next(frame)) {
                lastTime = frame.timestampNanos;
                if (writer == null) {
                    OutputStream out = Files.newOutputStream(tmp);
                    writer = new PcapWriter(out, frame.linkType);
                    firstTime = frame.timestampNanos;
                }
                String file = frame.source != null ? frame.source : sources.get(0).name();
                Set<Long> mine = frames.getOrDefault(file, Set.of());
                boolean keep = mine.contains(frame.number) || espOrKeepalive(net, d, frame, file, options);
                if (!keep) {
                    continue;
                }
                if (frame.linkType != writer.linkType()) {
                    counts[1]++;
                    continue;
                }
                if (writer.frames() == 0 && frame.timestampNanos > firstTime) {
                    counts[3] += marker(writer, firstTime);
                }
                int n = frame.capturedLength();
                if (buf.length < n) {
                    buf = new byte[n];
                }
                frame.data.duplicate().get(buf, 0, n);
                if (anonymizer != null && !anonymizer.rewrite(frame.linkType, buf, n)) {
                    counts[2]++;
                    continue;
                }
                writer.write(frame.timestampNanos, buf, n, frame.originalLength);
                lastWritten = frame.timestampNanos;
                counts[0]++;
            }
            if (writer != null && writer.frames() > 0 && lastTime > lastWritten) {
                counts[3] += marker(writer, lastTime);
            }
        } finally {
            if (writer != null) {
                writer.close();
            }
        }
        if (writer != null) {
            Files.move(tmp, output, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return counts;
    }

    /** The EtherType of IEEE 802's local experimental use (IEEE 802 section 9.2.2). */
    private static final int ETHERTYPE_LOCAL_EXPERIMENTAL = 0x88b5;

    /**
     * A frame that says only when the original capture started or ended: the diagnosis weighs how
     * long a capture ran after an unanswered message ({@code CaptureWindow}), and any frame shows
     * that. An Ethernet broadcast of the local experimental EtherType with a line of text; no
     * marker on other link types (their captures then end at the peer's last frame).
     */
    private static int marker(PcapWriter writer, long timeNanos) throws IOException {
        if (writer.linkType() != org.ikescope.dissector.net.LinkTypes.ETHERNET) {
            return 0;
        }
        byte[] f = new byte[60];
        java.util.Arrays.fill(f, 0, 6, (byte) 0xff);
        f[6] = 0x02;
        f[12] = (byte) (ETHERTYPE_LOCAL_EXPERIMENTAL >>> 8);
        f[13] = (byte) ETHERTYPE_LOCAL_EXPERIMENTAL;
        byte[] text = "ikescope extract: capture window".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        System.arraycopy(text, 0, f, 14, text.length);
        writer.write(timeNanos, f, f.length, f.length);
        return 1;
    }

    /**
     * True for a NAT-T keepalive between the two addresses of a chosen SA (NAT detection counts
     * them), and with {@code --with-esp} for an ESP packet (over IP, or in UDP on a NAT-T port) of
     * a chosen SPI between its SA's two addresses.
     */
    private boolean espOrKeepalive(NetDecoder net, Datagram d, Frame frame, String file, Dissector.Options options) {
        java.nio.ByteBuffer saved = frame.data.duplicate();
        NetKind kind = net.decode(frame, d);
        frame.data = saved;
        java.nio.ByteBuffer p = d.payload;
        if (p == null || kind != NetKind.UDP && kind != NetKind.ESP) {
            return false;
        }
        boolean natt = kind == NetKind.UDP && (options.nattPorts().contains(d.srcPort) || options.nattPorts().contains(d.dstPort));
        if (natt && p.remaining() == 1 && p.get(p.position()) == (byte) 0xff) {
            return pairs.contains(espKey(file, d.srcString(), d.dstString(), 0));
        }
        if (!withEsp || p.remaining() < 8) {
            return false;
        }
        boolean udpEsp = natt && p.getInt(p.position()) != 0;
        if (kind != NetKind.ESP && !udpEsp) {
            return false;
        }
        long spi = p.getInt(p.position()) & 0xffffffffL;
        return espKeys.contains(espKey(file, d.srcString(), d.dstString(), spi));
    }

    private static int usage(String message) {
        System.err.println("ikescope: " + Terminal.escape(message));
        return Main.EXIT_USAGE;
    }
}
