package org.ikescope.dissector.session;

import org.ikescope.api.plugin.Side;

/**
 * What checking the pre-shared key candidates against an aggressive-mode SA's HASH in the clear
 * found, per side: the responder's HASH_R of AM2 (always in the clear), the initiator's HASH_I of
 * AM3 (when AM3 is not encrypted; strongSwan and Cisco encrypt it). Each side is {@link
 * Outcome#MATCHED} with the label of the candidate that matched ({@code --psk #2}, never the
 * value), {@link Outcome#NO_MATCH} after every candidate, or {@link Outcome#NOT_CHECKED} with the
 * reason. A match tells which PSK a side used, not its keys: those still need g^xy. Filled by
 * {@link AggressivePskChecker} into the SA's {@link SaKeys}.
 */
public final class AggressivePskCheck {
    /** Said after the check when nothing could be decrypted with it. */
    public static final String NEEDS_GXY = "decrypting still needs g^xy, the Diffie-Hellman shared secret, which never crosses"
            + " the wire (--dh-secret, one side's --dh-private, or the keys a daemon logged: --keys, see KEYS.md)";

    /** The result for one side. */
    public enum Outcome { NOT_CHECKED, MATCHED, NO_MATCH }

    private final Outcome[] outcome = {Outcome.NOT_CHECKED, Outcome.NOT_CHECKED};
    private final String[] matched = new String[2];
    private final int[] tried = new int[2];
    private final String[] notChecked = {"no AM3 in the capture", "no AM2 in the capture"};

    AggressivePskCheck() {
    }

    void matched(Side side, String label, int candidatesTried) {
        outcome[side.ordinal()] = Outcome.MATCHED;
        matched[side.ordinal()] = label;
        tried[side.ordinal()] = candidatesTried;
    }

    void noMatch(Side side, int candidatesTried) {
        outcome[side.ordinal()] = Outcome.NO_MATCH;
        tried[side.ordinal()] = candidatesTried;
    }

    void notChecked(Side side, String why) {
        if (outcome[side.ordinal()] == Outcome.NOT_CHECKED) {
            notChecked[side.ordinal()] = why;
        }
    }

    /** Whether {@code side}'s HASH was checked and what it gave. */
    public Outcome outcome(Side side) {
        return outcome[side.ordinal()];
    }

    /** The label of the candidate that matched {@code side}'s HASH, or null. */
    public String matched(Side side) {
        return matched[side.ordinal()];
    }

    /** Candidates tried against {@code side}'s HASH (up to and with the match). */
    public int candidatesTried(Side side) {
        return tried[side.ordinal()];
    }

    /**
     * True when every side that was checked matched a candidate, false when a side matched none,
     * null when no side was checked.
     */
    public Boolean verified() {
        Boolean v = null;
        for (Side s : Side.values()) {
            if (outcome(s) == Outcome.NO_MATCH) {
                return false;
            }
            if (outcome(s) == Outcome.MATCHED) {
                v = true;
            }
        }
        return v;
    }

    /**
     * For people, never a secret: {@code aggressive mode: the pre-shared key candidates were checked
     * against the HASH in the clear: the responder's HASH_R (AM2) matches --psk #2; the initiator's
     * HASH_I was not checked (AM3 is encrypted)}.
     */
    public String describe() {
        return "aggressive mode: the pre-shared key candidates were checked against the HASH in the clear: "
                + side(Side.RESPONDER, "HASH_R (AM2)") + "; " + side(Side.INITIATOR, "HASH_I (AM3)");
    }

    private String side(Side s, String hash) {
        String whose = "the " + s.label() + "'s " + hash;
        return switch (outcome(s)) {
            case MATCHED -> whose + " matches " + matched(s);
            case NO_MATCH -> whose + " matches none of the " + candidatesTried(s) + " candidates: the " + s.label()
                    + " used a pre-shared key that is not among them";
            case NOT_CHECKED -> whose + " was not checked (" + notChecked[s.ordinal()] + ")";
        };
    }

    @Override
    public String toString() {
        return describe();
    }
}
