package org.ikescope.dissector.keys;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every piece of key material the user supplied for a run: per IKE SA ({@link SaKeyMaterial}, by
 * initiator cookie), pre-shared keys (candidates for any peer, or for one peer address, in the
 * order given: findings name them by that position, never by value), and a wordlist of
 * candidates to search after the capture. Immutable once built.
 */
public final class KeyMaterial {
    /** No key material: nothing is decrypted. */
    public static final KeyMaterial NONE = new Builder().build();

    private final Map<Long, SaKeyMaterial> bySa;
    private final List<Secret> psks;
    private final Map<String, List<Secret>> pskByPeer;
    private final PskWordlist wordlist;

    private KeyMaterial(Builder b) {
        this.bySa = Map.copyOf(b.bySa);
        this.psks = List.copyOf(b.psks);
        Map<String, List<Secret>> p = new HashMap<>();
        b.pskByPeer.forEach((k, v) -> p.put(k, List.copyOf(v)));
        this.pskByPeer = Map.copyOf(p);
        this.wordlist = b.wordlist;
    }

    public boolean isEmpty() {
        return bySa.isEmpty() && psks.isEmpty() && pskByPeer.isEmpty() && wordlist == null;
    }

    /** What was supplied for the SA with this initiator cookie, or null. */
    public SaKeyMaterial forSa(long initiatorCookie) {
        return bySa.get(initiatorCookie);
    }

    /** Every SA with material, by initiator cookie. */
    public Map<Long, SaKeyMaterial> sas() {
        return bySa;
    }

    /**
     * The PSK candidates for a peer pair, in order: those given for either address first, then
     * those given for any peer.
     *
     * @param peerIps the peers' addresses as text (as {@code Addresses.format} writes them)
     */
    public List<Secret> psks(String... peerIps) {
        List<Secret> out = new ArrayList<>();
        for (String ip : peerIps) {
            out.addAll(pskByPeer.getOrDefault(ip, List.of()));
        }
        out.addAll(psks);
        return out;
    }

    /** The wordlist of pre-shared keys to search for aggressive mode's HASHes after the capture, or null. */
    public PskWordlist wordlist() {
        return wordlist;
    }

    /** True when some PSK was given. */
    public boolean hasPsks() {
        return !psks.isEmpty() || !pskByPeer.isEmpty();
    }

    @Override
    public String toString() {
        return bySa.size() + " SAs with key material, " + (psks.size() + pskByPeer.values().stream().mapToInt(List::size).sum())
                + " pre-shared keys";
    }

    /** Collects key material from several sources; material for the same SA is merged. */
    public static final class Builder {
        private final Map<Long, SaKeyMaterial> bySa = new LinkedHashMap<>();
        private final List<Secret> psks = new ArrayList<>();
        private final Map<String, List<Secret>> pskByPeer = new LinkedHashMap<>();
        private PskWordlist wordlist;

        public Builder sa(SaKeyMaterial m) {
            bySa.merge(m.initiatorCookie(), m, SaKeyMaterial::merge);
            return this;
        }

        /** A PSK candidate for any peer. */
        public Builder psk(Secret psk) {
            psks.add(psk);
            return this;
        }

        /** A PSK candidate for the peer at {@code ip} (as {@code Addresses.format} writes it). */
        public Builder psk(String ip, Secret psk) {
            pskByPeer.computeIfAbsent(ip, k -> new ArrayList<>()).add(psk);
            return this;
        }

        /** The wordlist to search after the capture (one; the last given wins). */
        public Builder wordlist(PskWordlist w) {
            wordlist = w;
            return this;
        }

        public KeyMaterial build() {
            return new KeyMaterial(this);
        }
    }
}
