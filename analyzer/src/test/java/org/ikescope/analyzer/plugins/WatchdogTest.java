package org.ikescope.analyzer.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.ikescope.api.plugin.ApiVersion;
import org.ikescope.api.plugin.Confidence;
import org.ikescope.api.plugin.ExchangeView;
import org.ikescope.api.plugin.Finding;
import org.ikescope.api.plugin.FindingSink;
import org.ikescope.api.plugin.PluginApi;
import org.ikescope.api.plugin.Severity;
import org.junit.jupiter.api.Test;

/** Plugins run on the caller's thread; the watchdog keeps the limit even for one that ignores interrupts. */
class WatchdogTest {
    @PluginApi(major = ApiVersion.MAJOR)
    static final class Deaf extends PluginHostTest.Reporting {
        Deaf() {
            super("a.deaf");
        }

        @Override
        public void analyze(ExchangeView exchange, FindingSink sink) {
            sink.report("early", Severity.INFO, Confidence.POSSIBLE, "t", "", "");
            long until = System.nanoTime() + 60_000_000_000L;
            // Stuck in a loop that never looks at the interrupt flag.
            while (System.nanoTime() < until) {
                Thread.onSpinWait();
            }
            sink.report("late", Severity.INFO, Confidence.POSSIBLE, "t", "", "");
        }
    }

    @Test
    void aPluginThatIgnoresTheInterruptIsStoppedAndTheOthersGoOn() {
        try (PluginHost host = PluginHost.of(Duration.ofMillis(100), new Deaf(), new PluginHostTest.Reporting("z.after"))) {
            long t0 = System.nanoTime();
            List<Finding> f = host.analyze(PluginHostTest.exchange("0123456789abcdef"));
            long tookMillis = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(tookMillis < 5_000, "took " + tookMillis + " ms");
            assertEquals(List.of("early", PluginHost.PLUGIN_TIMEOUT, "z.after"), f.stream().map(Finding::code).toList());
            assertFalse(Thread.currentThread().isInterrupted(), "the caller's interrupt flag is left clear");
        }
    }

    @Test
    void pluginsRunOnTheCallersThread() {
        try (PluginHost host = PluginHost.of(Duration.ofSeconds(2), new PluginHostTest.Reporting("a"))) {
            Thread caller = Thread.currentThread();
            List<Thread> ranOn = new java.util.ArrayList<>();
            try (PluginHost h = PluginHost.of(Duration.ofSeconds(2), new PluginHostTest.Reporting("b") {
                @Override
                public void analyze(ExchangeView exchange, FindingSink sink) {
                    ranOn.add(Thread.currentThread());
                }
            })) {
                for (int i = 0; i < 1_000; i++) {
                    h.analyze(PluginHostTest.exchange("0123456789abcdef"));
                }
            }
            assertEquals(1_000, ranOn.size());
            assertTrue(ranOn.stream().allMatch(t -> t == caller));
            assertEquals(1, host.analyze(PluginHostTest.exchange("0123456789abcdef")).size());
        }
    }
}
