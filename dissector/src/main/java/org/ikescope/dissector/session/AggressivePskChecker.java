package org.ikescope.dissector.session;

import java.util.ArrayList;
import java.util.List;
import org.ikescope.api.plugin.ExchangeMode;
import org.ikescope.api.plugin.Side;
import org.ikescope.api.protocol.AuthMethod;
import org.ikescope.api.protocol.ExchangeType;
import org.ikescope.api.protocol.PayloadType;
import org.ikescope.dissector.crypto.Prf;
import org.ikescope.dissector.crypto.PskHash;
import org.ikescope.dissector.isakmp.IsakmpMessage;
import org.ikescope.dissector.isakmp.Suite;
import org.ikescope.dissector.keys.KeyMaterial;
import org.ikescope.dissector.keys.Secret;
import org.ikescope.dissector.model.Addresses;

/**
 * Checks the pre-shared key candidates against the HASH of an aggressive-mode SA that crosses
 * the wire in the clear, without g^xy (RFC 2409 section 5): the responder's HASH_R in AM2, and
 * the initiator's HASH_I in AM3 when AM3 is not encrypted. The first copy of each is checked with
 * the candidates for the SA's peers in the order they are tried for decryption; the result goes
 * into the SA's {@link SaKeys#pskCheck()}. With a wordlist to search after the capture
 * ({@link KeyMaterial#wordlist()}), each HASH is also kept as a {@link PskTarget}, at most
 * {@value #MAX_TARGETS}.
 *
 * <p>What it needs (SAi_b, both KE payloads, both nonces, the ID bodies) the sessions keep only
 * when key material is given ({@link SaSessions.Options#retainKeyExchange()}). Not thread-safe:
 * one per pipeline.
 */
public final class AggressivePskChecker {
    /** HASHes kept for a wordlist search; a capture with more aggressive-mode SAs (a scan) keeps the first ones. */
    public static final int MAX_TARGETS = 65_536;

    private final KeyMaterial keys;
    private final List<PskTarget> targets = new ArrayList<>();
    private long targetsDropped;

    public AggressivePskChecker(KeyMaterial keys) {
        this.keys = keys;
    }

    /** The HASHes kept for the wordlist search, in the order seen (empty without a wordlist). */
    public List<PskTarget> targets() {
        return List.copyOf(targets);
    }

    /** HASHes not kept because {@value #MAX_TARGETS} were. */
    public long targetsDropped() {
        return targetsDropped;
    }

    /** Learns from one message {@code from} sent in {@code s}, after the session has (cleartext only). */
    public void observe(SaSession s, IsakmpMessage m, Side from) {
        if (s.mode() != ExchangeMode.AGGRESSIVE || m.isIkev2() || m.exchangeType() != ExchangeType.AGGRESSIVE.code()
                || m.messageId() != 0) {
            return;
        }
        SaKeys k = s.keys();
        if (m.encrypted() && !m.decrypted()) {
            if (k != null && k.pskCheck != null && from == Side.INITIATOR) {
                k.pskCheck.notChecked(Side.INITIATOR, "AM3 is encrypted");
            }
            return;
        }
        byte[] hash = SaSession.payloadBody(m, PayloadType.HASH);
        Suite chosen = s.chosen();
        if (hash == null || chosen == null || chosen.ikev2() || !Ikev1Decryptor.preSharedKey(AuthMethod.of(chosen.authMethod()))) {
            return;
        }
        String initiator = Addresses.format(s.initiatorAddress());
        String responder = Addresses.format(s.responderAddress());
        List<Secret> candidates = keys.psks(initiator, responder);
        if (candidates.isEmpty() && keys.wordlist() == null) {
            return;
        }
        k = s.keysForUpdate();
        if (k.aggressiveHashSeen[from.ordinal()]) {
            return; // a retransmission: its first copy was checked
        }
        k.aggressiveHashSeen[from.ordinal()] = true;
        if (!candidates.isEmpty() && k.pskCheck == null) {
            k.pskCheck = new AggressivePskCheck();
        }
        AggressivePskCheck check = k.pskCheck;
        PskHash target;
        Prf prf;
        try {
            prf = Prf.of(chosen);
            target = target(s, from, prf, hash);
        } catch (IllegalArgumentException e) { // UnsupportedAlgorithmException among them
            if (check != null) {
                check.notChecked(from, e.getMessage());
            }
            return;
        }
        if (target == null) {
            if (check != null) {
                check.notChecked(from, "the SA, KE, nonce and ID payloads of AM1 and AM2 are not all in the capture");
            }
            return;
        }
        String matchedBy = null;
        if (check != null) {
            int tried = 0;
            for (Secret psk : candidates) {
                tried++;
                if (target.matches(prf, psk.bytes())) {
                    matchedBy = psk.label();
                    break;
                }
            }
            if (matchedBy != null) {
                check.matched(from, matchedBy, tried);
            } else {
                check.noMatch(from, tried);
            }
        }
        if (keys.wordlist() != null) {
            if (targets.size() < MAX_TARGETS) {
                targets.add(new PskTarget(s.initiatorCookie(), initiator, responder, from, target, matchedBy));
            } else {
                targetsDropped++;
            }
        }
    }

    /** The HASH with what it covers; null when something it covers is not known. */
    private static PskHash target(SaSession s, Side from, Prf prf, byte[] hash) {
        byte[] ni = s.nonce(Side.INITIATOR);
        byte[] nr = s.nonce(Side.RESPONDER);
        byte[] gxi = s.keyExchange(Side.INITIATOR);
        byte[] gxr = s.keyExchange(Side.RESPONDER);
        byte[] id = s.identityBody(from);
        if (ni == null || nr == null || gxi == null || gxr == null || id == null || s.initiatorSaBody() == null
                || s.responderCookie() == 0) {
            return null;
        }
        return from == Side.RESPONDER
                ? PskHash.hashR(prf.hash(), ni, nr, gxi, gxr, s.initiatorCookie(), s.responderCookie(), s.initiatorSaBody(), id, hash)
                : PskHash.hashI(prf.hash(), ni, nr, gxi, gxr, s.initiatorCookie(), s.responderCookie(), s.initiatorSaBody(), id, hash);
    }
}
