package org.ikescope.analyzer.exchange;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.ikescope.api.plugin.DecryptionView;
import org.ikescope.api.plugin.Side;
import org.ikescope.dissector.session.AggressivePskCheck;
import org.ikescope.dissector.session.Decryption;
import org.ikescope.dissector.session.SaKeys;
import org.ikescope.dissector.session.SaSession;

/**
 * What decrypting one IKE SA's encrypted messages gave (see {@link DecryptionView}), summed up
 * from the dissector's outcome per message, and for aggressive mode what checking the pre-shared
 * keys against the HASHes in the clear found ({@link AggressivePskCheck}).
 *
 * @param initiatorKeyLabel where the key that decrypted the initiator's messages came from, or null
 * @param responderKeyLabel likewise for the responder
 * @param psk               see {@link DecryptionView#pskVerified()}; null when no PSK was involved
 * @param initiatorPskLabel the PSK candidate the initiator's key came from, or null ({@link #initiatorPsk()})
 * @param responderPskLabel likewise for the responder
 */
public record DecryptionSummary(Status status, String reason, String initiatorKeyLabel, String responderKeyLabel,
                                Boolean psk, int decryptedMessages, int undecryptedMessages,
                                String initiatorPskLabel, String responderPskLabel) implements DecryptionView {
    /**
     * One line for people: {@code decrypted 6 of 6; initiator's key: --dh-secret #1 and --psk #2;
     * responder's key: ...}, with the reason when not everything decrypted.
     */
    public String describe() {
        StringBuilder sb = new StringBuilder(status.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        if (status != Status.DECRYPTED) {
            return sb.append(": ").append(reason).toString();
        }
        sb.append(' ').append(decryptedMessages).append(" of ").append(decryptedMessages + undecryptedMessages);
        if (initiatorKeyLabel != null) {
            sb.append("; initiator's key: ").append(initiatorKeyLabel);
        }
        if (responderKeyLabel != null) {
            sb.append("; responder's key: ").append(responderKeyLabel);
        }
        if (undecryptedMessages > 0) {
            sb.append("; ").append(reason.substring(reason.indexOf(';') + 1).strip());
        }
        return sb.toString();
    }

    @Override
    public Optional<String> initiatorKey() {
        return Optional.ofNullable(initiatorKeyLabel);
    }

    @Override
    public Optional<String> responderKey() {
        return Optional.ofNullable(responderKeyLabel);
    }

    @Override
    public Optional<String> initiatorPsk() {
        return Optional.ofNullable(initiatorPskLabel);
    }

    @Override
    public Optional<String> responderPsk() {
        return Optional.ofNullable(responderPskLabel);
    }

    @Override
    public Optional<Boolean> pskVerified() {
        return Optional.ofNullable(psk);
    }

    /** The outcomes of the first copies of the SA's encrypted messages, summed up; null when there were none. */
    static DecryptionSummary of(List<Msg> msgs, SaSession session) {
        int decryptedCount = 0;
        int undecrypted = 0;
        String failure = null;
        String noKeys = null;
        String[] keyOf = new String[2];
        Boolean[] hashOk = new Boolean[2];
        boolean[] sent = new boolean[2];
        for (Msg m : msgs) {
            Decryption d = m.decryption;
            if (d == null || m.original != null) {
                continue;
            }
            sent[m.from.ordinal()] = true;
            if (d.isDecrypted()) {
                decryptedCount++;
                keyOf[m.from.ordinal()] = keyOf[m.from.ordinal()] != null ? keyOf[m.from.ordinal()] : d.key();
                if (m.messageId == 0 && d.hashVerified() != null) {
                    hashOk[m.from.ordinal()] = hashOk[m.from.ordinal()] == Boolean.FALSE ? Boolean.FALSE : d.hashVerified();
                }
            } else {
                undecrypted++;
                if (d.status() == Decryption.Status.FAILED && failure == null) {
                    failure = d.reason();
                } else if (d.status() == Decryption.Status.NO_KEYS && noKeys == null) {
                    noKeys = d.reason();
                }
            }
        }
        AggressivePskCheck check = session == null || session.keys() == null ? null : session.keys().pskCheck();
        if (decryptedCount + undecrypted == 0) {
            return check == null ? null : withPskCheck(null, check);
        }
        Status status = decryptedCount > 0 ? Status.DECRYPTED
                : failure != null ? Status.FAILED : Status.NO_KEYS;
        String why = failure != null ? failure : noKeys;
        String reason = switch (status) {
            case DECRYPTED -> undecrypted == 0 ? "every encrypted message decrypted"
                    : "decrypted " + decryptedCount + " of " + (decryptedCount + undecrypted) + " encrypted messages; " + why;
            default -> why;
        };
        DecryptionSummary d = new DecryptionSummary(status, reason, keyOf[0], keyOf[1], pskVerified(session, sent, hashOk),
                decryptedCount, undecrypted, pskOf(session, Side.INITIATOR), pskOf(session, Side.RESPONDER));
        return check == null ? d : withPskCheck(d, check);
    }

    /**
     * An aggressive-mode SA's summary ({@code d}, or null when it sent nothing encrypted) with what
     * checking the PSK candidates against its HASHes in the clear found: a side's key is the PSK
     * whose HASH matched when no key decrypted its messages; {@code pskVerified} is false when the
     * check or the decryption says a side's PSK is not among the candidates; the reason says what
     * was checked and, when nothing was decrypted, that decrypting still needs g^xy.
     */
    private static DecryptionSummary withPskCheck(DecryptionSummary d, AggressivePskCheck check) {
        String initiator = d != null && d.initiatorKeyLabel != null ? d.initiatorKeyLabel : check.matched(Side.INITIATOR);
        String responder = d != null && d.responderKeyLabel != null ? d.responderKeyLabel : check.matched(Side.RESPONDER);
        String initiatorPsk = d != null && d.initiatorPskLabel != null ? d.initiatorPskLabel : check.matched(Side.INITIATOR);
        String responderPsk = d != null && d.responderPskLabel != null ? d.responderPskLabel : check.matched(Side.RESPONDER);
        Boolean decrypting = d == null ? null : d.psk;
        Boolean checked = check.verified();
        Boolean verified = Boolean.FALSE.equals(decrypting) || Boolean.FALSE.equals(checked) ? Boolean.FALSE
                : Boolean.TRUE.equals(decrypting) || Boolean.TRUE.equals(checked) ? Boolean.TRUE : null;
        if (d == null || d.status == Status.NO_KEYS) {
            return new DecryptionSummary(Status.NO_KEYS, check.describe() + "; " + AggressivePskCheck.NEEDS_GXY, initiator,
                    responder, verified, 0, d == null ? 0 : d.undecryptedMessages, initiatorPsk, responderPsk);
        }
        return new DecryptionSummary(d.status, d.reason + "; " + check.describe(), initiator, responder, verified,
                d.decryptedMessages, d.undecryptedMessages, initiatorPsk, responderPsk);
    }

    /** The label of the PSK candidate {@code side}'s decrypting key was derived from, or null. */
    private static String pskOf(SaSession session, Side side) {
        SaKeys keys = session == null ? null : session.keys();
        SaKeys.Candidate c = keys == null ? null : keys.decryptedWith(side);
        return c == null ? null : c.pskLabel();
    }

    /**
     * True when every side that sent encrypted messages decrypted with a PSK candidate whose HASH did
     * not fail; false when a side's did not decrypt with any of them; null when no PSK was tried.
     */
    private static Boolean pskVerified(SaSession session, boolean[] sent, Boolean[] hashOk) {
        SaKeys keys = session == null ? null : session.keys();
        if (keys == null) {
            return null;
        }
        boolean tried = false;
        for (Side s : Side.values()) {
            tried |= keys.candidates(s).stream().anyMatch(SaKeys.Candidate::fromPsk);
        }
        if (!tried) {
            return null;
        }
        for (Side s : Side.values()) {
            if (!sent[s.ordinal()]) {
                continue;
            }
            SaKeys.Candidate c = keys.decryptedWith(s);
            if (c == null || !c.fromPsk() || hashOk[s.ordinal()] == Boolean.FALSE) {
                return false;
            }
        }
        return true;
    }
}
