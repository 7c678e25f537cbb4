/**
 * Exchange reconstruction: one record per IKE SA, in a stream with bounded memory. Each concern
 * has its class:
 * <ul>
 *   <li>{@link org.ikescope.analyzer.exchange.ExchangeTracker}: which SA a message, ESP packet,
 *       keepalive or fragment set belongs to (the dissector's per-SA session decided the roles and
 *       the key; ESP and keepalives go by address pair), when an SA is over (idle, deleted, a cap,
 *       the end) and continuations of SAs that come back;</li>
 *   <li>{@link org.ikescope.analyzer.exchange.ExchangeBuilder}: one SA while it is followed,
 *       handing each message to the parts below and freezing the record;</li>
 *   <li>{@link org.ikescope.analyzer.exchange.StepLabeler}: MM1..MM6, AM1..AM3, informational,
 *       transaction, IKEv2 request/response, and retransmissions;
 *       {@link org.ikescope.analyzer.exchange.QuickModes}: QM1..QM3 per message ID;</li>
 *   <li>{@link org.ikescope.analyzer.exchange.AnswerMatcher}: which message answers which, round
 *       trips;</li>
 *   <li>{@link org.ikescope.analyzer.exchange.AsaStateMachine}: the state each side reached, in
 *       the words of the Cisco ASA, and what an inferred state rests on;</li>
 *   <li>{@link org.ikescope.analyzer.exchange.SaEvidence} (ESP, ICMP errors, lost fragments),
 *       {@link org.ikescope.analyzer.exchange.NatDiscovery} (NAT-D hashes against the captured
 *       addresses) and {@link org.ikescope.analyzer.exchange.PeerSightings} (ports, vendor IDs);</li>
 *   <li>the immutable records: {@link org.ikescope.analyzer.exchange.Exchange},
 *       {@link org.ikescope.analyzer.exchange.ExchangeMessage} and the parts they hold, with typed
 *       values (the API's enums, registry codes, the dissector's suites); several of them are the
 *       plugin views themselves.</li>
 * </ul>
 * The message bytes the tracker keeps for the plugins ({@link org.ikescope.analyzer.exchange.MessageBytes},
 * within a budget) are dropped once the exchange was diagnosed and written.
 */
package org.ikescope.analyzer.exchange;
