package org.ikescope.analyzer.exchange;

/**
 * One payload of a message as the summary keeps it: its wire type and registry name in the
 * message's context ({@code NAT_D_DRAFT} for 15 between draft NAT-T peers). Interned per message
 * shape, so a message costs a reference, not a list.
 *
 * @param type wire payload type
 * @param name registry name ({@code SA}, {@code VID}, {@code NAT_D}...)
 */
public record PayloadKind(int type, String name) {
}
