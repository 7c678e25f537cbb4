package org.ikescope.dissector.session;

import java.util.List;
import org.ikescope.api.plugin.Side;
import org.ikescope.dissector.isakmp.IsakmpDecoder;
import org.ikescope.dissector.isakmp.IsakmpMessage;
import org.ikescope.dissector.keys.KeyMaterial;

/**
 * What one pipeline does with the key material the user supplied, per SA session: decrypting
 * ({@link Ikev1Decryptor}), checking pre-shared keys against the HASHes aggressive mode sends in
 * the clear ({@link AggressivePskChecker}), and what is left for after the capture: the HASHes a
 * wordlist is searched for ({@link PskWordlistSearch}) and the keys of each SA ({@code ikescope
 * keys}). Not thread-safe: one per pipeline.
 */
public final class KeyedSessions {
    private final KeyMaterial keys;
    private final Ikev1Decryptor decryptor;
    private final AggressivePskChecker pskChecker;

    public KeyedSessions(KeyMaterial keys, IsakmpDecoder decoder) {
        this.keys = keys;
        this.decryptor = new Ikev1Decryptor(keys, decoder);
        this.pskChecker = new AggressivePskChecker(keys);
    }

    public KeyMaterial keys() {
        return keys;
    }

    /** Learns from a message as it arrived (before decryption): the aggressive-mode PSK check. */
    public void observe(SaSession s, IsakmpMessage m, Side from) {
        pskChecker.observe(s, m, from);
    }

    /** See {@link Ikev1Decryptor#decrypt(SaSession, IsakmpMessage, Side)}. */
    public Ikev1Decryptor.Result decrypt(SaSession s, IsakmpMessage m, Side from) {
        return decryptor.decrypt(s, m, from);
    }

    /** The key slot of {@code s} with its candidate keys derived (see {@link Ikev1Decryptor#prepared}). */
    public SaKeys keysOf(SaSession s) {
        return decryptor.prepared(s);
    }

    /** The aggressive-mode HASHes seen in the clear, kept for the wordlist; empty without one. */
    public List<PskTarget> pskTargets() {
        return pskChecker.targets();
    }

    /** HASHes not kept for the wordlist (beyond {@link AggressivePskChecker#MAX_TARGETS}). */
    public long pskTargetsDropped() {
        return pskChecker.targetsDropped();
    }
}
