/**
 * The built-in diagnostics: ordinary {@link org.ikescope.api.plugin.DiagnosticPlugin}s, written
 * only against the plugin API (views in, findings out) and registered in
 * {@code META-INF/services} like any third-party plugin, so the API is proven by real use.
 *
 * <ul>
 *   <li>{@link org.ikescope.analyzer.diagnostics.PhaseOneDiagnostics} ({@code builtin.phase1}):
 *       stuck IKEv1 phase-1 states in ASA terms ({@code peer.unreachable}, {@code policy.mismatch},
 *       {@code config.peer-not-configured}, {@code path.one-way}, {@code scan.probe},
 *       {@code config.tunnel-group-missing}, {@code auth.psk-mismatch}, {@code auth.peer-rejected}),
 *       and IKEv2 IKE_SA_INIT outcomes readable without keys ({@code peer.unreachable},
 *       {@code policy.mismatch}, {@code ike.invalid-ke}, {@code ike.cookie}, {@code ike.invalid-syntax});</li>
 *   <li>{@link org.ikescope.analyzer.diagnostics.CaptureWindowDiagnostics} ({@code builtin.capture}):
 *       {@code capture.ends-mid-exchange}, {@code capture.starts-mid-exchange};</li>
 *   <li>{@link org.ikescope.analyzer.diagnostics.PathDiagnostics} ({@code builtin.path}):
 *       {@code path.fragments-lost}, {@code capture.one-direction}, {@code natt.not-negotiated},
 *       {@code natt.port-4500-blocked};</li>
 *   <li>{@link org.ikescope.analyzer.diagnostics.CryptoPolicyDiagnostics} ({@code builtin.crypto}):
 *       {@code crypto.weak-proposal}, {@code crypto.aggressive-psk-exposed};</li>
 *   <li>{@link org.ikescope.analyzer.diagnostics.PhaseTwoDiagnostics} ({@code builtin.phase2}):
 *       {@code phase2.proposal-mismatch}, {@code phase2.proxy-id-mismatch}, {@code phase2.refused},
 *       {@code phase2.sa-install-failed},
 *       {@code phase2.no-response}, {@code phase2.incomplete}, {@code esp.one-way}, {@code esp.none},
 *       {@code xauth.failed}, {@code dpd.peer-dead};</li>
 *   <li>{@link org.ikescope.analyzer.diagnostics.VersionDiagnostics} ({@code builtin.version}):
 *       {@code ike.version-mismatch};</li>
 *   <li>{@link org.ikescope.analyzer.diagnostics.ExchangeHealthDiagnostics} ({@code builtin.health}):
 *       {@code exchange.retransmissions}, and at the end of a capture {@code exchange.simultaneous}
 *       and {@code exchange.flapping}.</li>
 * </ul>
 *
 * <p>Codes are stable. Rules the diagnostics keep: every finding cites its frames; without keys a
 * diagnosis is at most {@code likely}; an exchange whose phase 1 and phase 2 completed gets no
 * {@code error}; a phase-2 failure after a good phase 1 is an error of its own code; one finding
 * per point where an exchange got stuck, naming the other causes that fit and what tells them
 * apart; a title never asserts a cause that is only {@code possible}; nothing is concluded from a
 * missing message when the capture ends before it could show ({@link
 * org.ikescope.analyzer.diagnostics.Window}); cross-exchange evidence comes from the exchanges
 * finished before (state kept across calls, {@link org.ikescope.analyzer.diagnostics.Responders}),
 * and what later exchanges add is reported at the end of the capture.
 */
package org.ikescope.analyzer.diagnostics;
