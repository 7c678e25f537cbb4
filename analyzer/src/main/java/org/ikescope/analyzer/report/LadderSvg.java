package org.ikescope.analyzer.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ikescope.analyzer.exchange.EspFlow;
import org.ikescope.analyzer.exchange.Exchange;
import org.ikescope.analyzer.exchange.ExchangeMessage;
import org.ikescope.analyzer.exchange.IcmpEvidence;
import org.ikescope.analyzer.exchange.IncompleteFragmentSet;
import org.ikescope.analyzer.exchange.Informational;
import org.ikescope.analyzer.exchange.Peer;
import org.ikescope.analyzer.output.Names;
import org.ikescope.api.plugin.FragmentKind;
import org.ikescope.api.plugin.Phase1State;
import org.ikescope.api.plugin.Side;
import org.ikescope.api.plugin.Step;

/**
 * One exchange as a ladder (sequence) diagram in SVG: the initiator's lane on the left, the
 * responder's on the right, one row per event in frame order (every message with its frame number
 * and time since the exchange's first message, ICMP errors, fragment sets that never completed,
 * the first packet of each ESP flow), and the state each side was left in at the bottom.
 *
 * <p>How a row is drawn says what it is, in the style sheet of {@link HtmlReport}: encrypted
 * messages dashed, decrypted ones solid with a "decrypted" tag, retransmissions in orange with
 * the frame they repeat, ICMP errors and lost fragments in red ending in a cross, ESP in green; a
 * band across both lanes marks where the peers moved to another port pair (the float to 4500).
 *
 * <p>Every message row is a {@code <g class="msg">} with the id {@link #anchor} of its frame, so
 * that findings can link to their evidence; the IP and IKE fragments of a message point at it.
 */
final class LadderSvg {
    static final int WIDTH = 900;
    private static final int LEFT = 260;
    private static final int RIGHT = 770;
    private static final int TOP = 56;
    private static final int ROW = 40;

    private LadderSvg() {
    }

    /** The id of the ladder row that shows {@code frame} of exchange {@code exchangeId}. */
    static String anchor(long exchangeId, long frame) {
        return "x" + exchangeId + "-f" + frame;
    }

    /**
     * The frames drawn in the ladder of {@code x} (messages, their fragments, ICMP errors, lost
     * fragments, ESP) mapped to the id of the row that shows them.
     */
    static Map<Long, String> anchors(Exchange x) {
        Map<Long, String> a = new HashMap<>();
        for (Row r : rows(x)) {
            for (long f : r.frames) {
                a.putIfAbsent(f, anchor(x.id(), r.frame));
            }
        }
        return a;
    }

    /** One row of the diagram. */
    private static final class Row {
        final long frame;
        final long time;
        /** The side the arrow starts at; null for a band across both lanes. */
        final Side from;
        final String kind;
        final String label;
        final String detail;
        final List<Long> frames = new ArrayList<>();
        /** The arrow stops half-way and ends in a cross (never arrived at the capture point's far side). */
        boolean lost;

        Row(long frame, long time, Side from, String kind, String label, String detail) {
            this.frame = frame;
            this.time = time;
            this.from = from;
            this.kind = kind;
            this.label = label;
            this.detail = detail;
            frames.add(frame);
        }
    }

    private static List<Row> rows(Exchange x) {
        List<Row> rows = new ArrayList<>();
        Map<Long, Informational> informational = new HashMap<>();
        for (Informational i : x.informational()) {
            informational.put(i.frame(), i);
        }
        for (ExchangeMessage m : x.messages()) {
            String label = m.label();
            if (m.step().quickMode() || m.step() == Step.INFORMATIONAL || m.step() == Step.TRANSACTION) {
                label = label + " " + m.messageIdHex();
            }
            List<String> d = new ArrayList<>();
            List<String> kinds = new ArrayList<>(List.of("msg"));
            if (m.decrypted()) {
                d.add("decrypted");
                kinds.add("dec");
            } else if (m.encrypted()) {
                d.add("encrypted");
                kinds.add("enc");
            }
            d.add(m.size() + " B");
            if (m.srcPort() != 500 || m.dstPort() != 500) {
                d.add("UDP " + m.srcPort() + "\u2192" + m.dstPort());
            }
            if (m.isRetransmission()) {
                kinds.add("retrans");
                d.add("retransmission #" + (m.retransmissionNumber() + 1) + " of frame " + m.retransmissionOf());
            } else if (m.retransmissions() > 0) {
                d.add("sent " + (m.retransmissions() + 1) + " times");
            }
            if (m.inResponseTo() != 0) {
                d.add("answers " + m.inResponseTo() + " after " + TextReport.ms(m.rttNanos()));
            }
            d.addAll(MessageItems.of(m, informational.get(m.frame())));
            Row r = new Row(m.frame(), m.timeNanos(), m.from(), String.join(" ", kinds), label, String.join(" \u00b7 ", d));
            r.frames.addAll(m.ipFragmentFrames());
            r.frames.addAll(m.ikeFragmentFrames());
            rows.add(r);
        }
        for (IcmpEvidence i : x.icmpErrors()) {
            // The error goes back to the side whose datagram it quotes: drawn from the far lane, lost half-way.
            Row r = new Row(i.frame(), i.timeNanos(), i.quotedFrom().opposite(), "msg icmp",
                    "ICMP " + i.description(), i.quoted() == null ? "quotes a datagram of this SA"
                            : "quotes " + i.quoted().label() + " (frame " + i.quotedFrame() + ") of the " + i.quotedFrom().label());
            rows.add(r);
        }
        for (IncompleteFragmentSet f : x.incompleteFragmentSets()) {
            long first = f.frames().isEmpty() ? 0 : f.frames().get(0);
            Row r = new Row(first, Long.MIN_VALUE, f.from(), "msg lost",
                    (f.kind() == FragmentKind.IP ? "IP" : "IKE") + " fragments never completed",
                    "frames " + f.frames().stream().map(String::valueOf).reduce((a, b) -> a + ", " + b).orElse("")
                            + " \u00b7 " + f.bytes() + " B received");
            r.frames.addAll(f.frames());
            r.lost = true;
            rows.add(r);
        }
        for (EspFlow e : x.esp()) {
            Row r = new Row(e.firstFrame(), e.firstNanos(), e.from(), "msg esp", "ESP spi " + e.spiHex(),
                    String.format(Locale.ROOT, "%d packets, %d B, frames %d..%d%s", e.packets(), e.bytes(),
                            e.firstFrame(), e.lastFrame(), e.udpEncapsulated() ? " \u00b7 UDP " + e.srcPort() + "\u2192" + e.dstPort() : ""));
            rows.add(r);
        }
        rows.sort(Comparator.comparingLong((Row r) -> r.frame));
        return rows;
    }

    /** The diagram of {@code x} as an {@code <svg>} element. */
    static String render(Exchange x) {
        List<Row> rows = rows(x);
        StringBuilder sb = new StringBuilder(512 + rows.size() * 400);
        // Port pairs: a band where a message uses another pair than the message before it.
        List<Object> drawn = new ArrayList<>();
        String ports = null;
        for (Row r : rows) {
            if (r.kind.contains("icmp") || r.kind.contains("lost") || r.kind.contains("esp")) {
                drawn.add(r);
                continue;
            }
            ExchangeMessage m = message(x, r.frame);
            if (m != null) {
                String p = Math.min(m.srcPort(), m.dstPort()) + "/" + Math.max(m.srcPort(), m.dstPort());
                if (ports != null && !p.equals(ports)) {
                    boolean to4500 = m.srcPort() == 4500 || m.dstPort() == 4500;
                    drawn.add((to4500 ? "float to UDP 4500" : "port change") + " (UDP " + m.srcPort() + "\u2192" + m.dstPort()
                            + (m.nonEspMarker() ? ", non-ESP marker" : "") + ")");
                }
                ports = p;
            }
            drawn.add(r);
        }
        int height = TOP + drawn.size() * ROW + 70;
        sb.append("<svg class=\"ladder\" xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH)
                .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
                .append("\" role=\"img\" aria-label=\"ladder diagram of exchange ").append(x.id()).append("\">\n");
        sb.append("<text class=\"hd\" x=\"8\" y=\"18\">frame</text><text class=\"hd\" x=\"70\" y=\"18\">time</text>\n");
        lane(sb, LEFT, "initiator", x.initiator());
        lane(sb, RIGHT, "responder", x.responder());
        sb.append("<line class=\"lane\" x1=\"").append(LEFT).append("\" y1=\"").append(TOP - 12).append("\" x2=\"").append(LEFT)
                .append("\" y2=\"").append(height - 46).append("\"/>");
        sb.append("<line class=\"lane\" x1=\"").append(RIGHT).append("\" y1=\"").append(TOP - 12).append("\" x2=\"").append(RIGHT)
                .append("\" y2=\"").append(height - 46).append("\"/>\n");
        long base = x.startNanos();
        int y = TOP;
        for (Object o : drawn) {
            y += ROW;
            if (o instanceof String band) {
                sb.append("<g class=\"float\"><line x1=\"").append(LEFT - 10).append("\" y1=\"").append(y - 8).append("\" x2=\"")
                        .append(RIGHT + 10).append("\" y2=\"").append(y - 8).append("\"/><text x=\"").append((LEFT + RIGHT) / 2)
                        .append("\" y=\"").append(y - 12).append("\">").append(Html.text(band)).append("</text></g>\n");
                continue;
            }
            row(sb, (Row) o, y, base, x.id());
        }
        y += 38;
        state(sb, LEFT, y, x.initiatorState(), x.stateInferred());
        state(sb, RIGHT, y, x.responderState(), x.stateInferred());
        sb.append("</svg>");
        return sb.toString();
    }

    private static ExchangeMessage message(Exchange x, long frame) {
        for (ExchangeMessage m : x.messages()) {
            if (m.frame() == frame) {
                return m;
            }
        }
        return null;
    }

    private static void lane(StringBuilder sb, int cx, String role, Peer p) {
        String addr = p == null ? "?" : (p.ip().indexOf(':') >= 0 ? "[" + p.ip() + "]" : p.ip()) + (p.port() > 0 ? ":" + p.port() : "");
        sb.append("<text class=\"role\" x=\"").append(cx).append("\" y=\"18\">").append(role)
                .append(p != null && p.implementation() != null ? " (" + Html.text(p.implementation()) + ")" : "")
                .append("</text><text class=\"addr\" x=\"").append(cx).append("\" y=\"34\">").append(Html.text(addr)).append("</text>\n");
    }

    private static void row(StringBuilder sb, Row r, int y, long base, long exchangeId) {
        int x1 = r.from == Side.INITIATOR ? LEFT : RIGHT;
        int x2 = r.from == Side.INITIATOR ? RIGHT : LEFT;
        int end = r.lost || r.kind.contains("icmp") ? (x1 + x2) / 2 : x2;
        int tip = end + (x2 > x1 ? -8 : 8);
        sb.append("<g class=\"").append(r.kind).append("\" id=\"").append(anchor(exchangeId, r.frame)).append("\" data-frame=\"")
                .append(r.frame).append("\">");
        sb.append("<text class=\"fr\" x=\"8\" y=\"").append(y).append("\">").append(r.frame).append("</text>");
        if (r.time != Long.MIN_VALUE) {
            sb.append("<text class=\"tm\" x=\"70\" y=\"").append(y).append("\">+")
                    .append(String.format(Locale.ROOT, "%.3f", (r.time - base) / 1e9)).append(" s</text>");
        }
        sb.append("<line x1=\"").append(x1).append("\" y1=\"").append(y - 4).append("\" x2=\"").append(end).append("\" y2=\"")
                .append(y - 4).append("\"/>");
        if (r.lost || r.kind.contains("icmp")) {
            sb.append("<path class=\"x\" d=\"M").append(end - 6).append(' ').append(y - 10).append("l12 12m0 -12l-12 12\"/>");
        } else {
            sb.append("<path class=\"tip\" d=\"M").append(end).append(' ').append(y - 4).append("L").append(tip).append(' ')
                    .append(y - 9).append("L").append(tip).append(' ').append(y + 1).append("Z\"/>");
        }
        int mid = (LEFT + RIGHT) / 2;
        sb.append("<text class=\"lb\" x=\"").append(mid).append("\" y=\"").append(y - 9).append("\">").append(Html.text(r.label))
                .append("</text><text class=\"dt\" x=\"").append(mid).append("\" y=\"").append(y + 10).append("\">")
                .append(Html.text(r.detail)).append("</text></g>\n");
    }

    private static void state(StringBuilder sb, int cx, int y, Phase1State s, boolean inferred) {
        String text = s == Phase1State.NONE ? "(no phase-1 message)" : Names.state(s) + (inferred && s == Phase1State.ESTABLISHED ? "*" : "");
        String cls = s.active() ? "st ok" : s == Phase1State.NONE ? "st none" : "st stuck";
        sb.append("<g class=\"").append(cls).append("\"><rect x=\"").append(cx - 90).append("\" y=\"").append(y - 16)
                .append("\" width=\"180\" height=\"24\" rx=\"4\"/><text x=\"").append(cx).append("\" y=\"").append(y)
                .append("\">").append(Html.text(text)).append("</text></g>\n");
    }
}
