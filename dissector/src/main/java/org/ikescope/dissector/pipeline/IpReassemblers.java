package org.ikescope.dissector.pipeline;

import org.ikescope.dissector.net.FragmentTable;
import org.ikescope.dissector.net.IpReassembler;

/** Factory for the IP reassembler the pipeline uses by default. */
final class IpReassemblers {
    private IpReassemblers() {
    }

    static IpReassembler standard() {
        return new FragmentTable();
    }
}
