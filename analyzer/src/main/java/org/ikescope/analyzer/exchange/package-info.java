/**
 * Exchange reconstruction: groups the dissector's messages into one record per IKE SA (keyed by
 * the initiator cookie and the initiator's address), labels every message (MM1..MM6, AM1..AM3,
 * QM1..QM3, informational, transaction, IKEv2 request/response), finds retransmissions and
 * answers, follows the peers through NAT-T (and checks their NAT-D hashes against the captured
 * addresses: {@link org.ikescope.analyzer.exchange.NatDetection}), counts ESP per SPI and decides the state each side
 * reached in the words the Cisco ASA uses. {@link org.ikescope.analyzer.exchange.ExchangeTracker}
 * does this in a stream with bounded memory and emits an immutable
 * {@link org.ikescope.analyzer.exchange.Exchange} per SA; the message bytes it keeps for the
 * plugins ({@link org.ikescope.analyzer.exchange.MessageBytes}, within a budget) are dropped once
 * the exchange was diagnosed and written.
 */
package org.ikescope.analyzer.exchange;
