package org.ikescope.api.plugin;

/**
 * What a message is within its IKE SA. Main and aggressive mode steps are named as the ASA's
 * debugs name them (MM1 is the initiator's first message); quick mode steps count within one
 * message ID. IKEv2 messages are the exchange plus request or response.
 *
 * @since 2.0
 */
public enum Step {
    MM1("MM1", true), MM2("MM2", true), MM3("MM3", true), MM4("MM4", true), MM5("MM5", true), MM6("MM6", true),
    AM1("AM1", true), AM2("AM2", true), AM3("AM3", true),
    QM1("QM1", false), QM2("QM2", false), QM3("QM3", false),
    /** An IKEv1 informational exchange (exchange type 5), or a main/aggressive mode message that only notifies. */
    INFORMATIONAL("INFORMATIONAL", false),
    /** An IKEv1 transaction (mode-config, XAUTH; exchange type 6). */
    TRANSACTION("TRANSACTION", false),
    IKE_SA_INIT_REQUEST("IKE_SA_INIT request", true), IKE_SA_INIT_RESPONSE("IKE_SA_INIT response", true),
    IKE_AUTH_REQUEST("IKE_AUTH request", true), IKE_AUTH_RESPONSE("IKE_AUTH response", true),
    CREATE_CHILD_SA_REQUEST("CREATE_CHILD_SA request", false), CREATE_CHILD_SA_RESPONSE("CREATE_CHILD_SA response", false),
    INFORMATIONAL_REQUEST("INFORMATIONAL request", false), INFORMATIONAL_RESPONSE("INFORMATIONAL response", false),
    /**
     * Another exchange type (IKEv1 New Group Mode, IKEv2 IKE_INTERMEDIATE, unknown codes): the
     * message's {@link MessageView#exchangeType()} says which.
     */
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

    /** True for QM1, QM2 and QM3. */
    public boolean quickMode() {
        return this == QM1 || this == QM2 || this == QM3;
    }

    /** True for MM1 to MM6. */
    public boolean mainMode() {
        return ordinal() <= MM6.ordinal();
    }

    /** True for AM1 to AM3. */
    public boolean aggressiveMode() {
        return this == AM1 || this == AM2 || this == AM3;
    }
}
