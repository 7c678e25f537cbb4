package org.ikescope.analyzer.exchange;

/**
 * What a message is within its IKE SA. Main and aggressive mode steps are named as the ASA debugs
 * name them (MM1 is the initiator's first message); quick mode steps count within one message ID.
 * IKEv2 messages are the exchange name plus request or response.
 */
public enum Step {
    MM1("MM1", true), MM2("MM2", true), MM3("MM3", true), MM4("MM4", true), MM5("MM5", true), MM6("MM6", true),
    AM1("AM1", true), AM2("AM2", true), AM3("AM3", true),
    QM1("QM1", false), QM2("QM2", false), QM3("QM3", false),
    INFORMATIONAL("INFORMATIONAL", false),
    TRANSACTION("TRANSACTION", false),
    IKE_SA_INIT_REQUEST("IKE_SA_INIT request", true), IKE_SA_INIT_RESPONSE("IKE_SA_INIT response", true),
    IKE_AUTH_REQUEST("IKE_AUTH request", true), IKE_AUTH_RESPONSE("IKE_AUTH response", true),
    CREATE_CHILD_SA_REQUEST("CREATE_CHILD_SA request", false), CREATE_CHILD_SA_RESPONSE("CREATE_CHILD_SA response", false),
    INFORMATIONAL_REQUEST("INFORMATIONAL request", false), INFORMATIONAL_RESPONSE("INFORMATIONAL response", false),
    /** Another exchange type (IKEv1 New Group Mode, IKEv2 IKE_INTERMEDIATE, unknown codes): see the message's label. */
    OTHER("OTHER", false);

    private final String label;
    private final boolean phase1;

    Step(String label, boolean phase1) {
        this.label = label;
        this.phase1 = phase1;
    }

    /** The label written in output ({@code MM1}, {@code IKE_AUTH request}). */
    public String label() {
        return label;
    }

    /** True for the steps that set up the IKE SA itself (main, aggressive mode, IKE_SA_INIT, IKE_AUTH). */
    public boolean phase1() {
        return phase1;
    }

    public boolean quickMode() {
        return this == QM1 || this == QM2 || this == QM3;
    }

    public boolean mainMode() {
        return ordinal() <= MM6.ordinal();
    }

    public boolean aggressiveMode() {
        return this == AM1 || this == AM2 || this == AM3;
    }
}
