package org.ikescope.analyzer.exchange;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.ikescope.api.plugin.ImmutableBytes;
import org.ikescope.api.plugin.VendorIdView;
import org.ikescope.dissector.isakmp.Payload;
import org.ikescope.dissector.isakmp.VendorIdBody;
import org.ikescope.dissector.model.Addresses;
import org.ikescope.dissector.vendor.VendorIdCatalog;

/** What one side of an IKE SA showed while it was followed: its address, the ports it used, its vendor IDs. */
final class PeerSightings {
    /** Vendor IDs kept per side (a flood must not grow the heap). */
    static final int MAX_VENDOR_IDS = 32;
    /** Bytes kept of an unknown vendor ID (the catalogue's longest prefix entries are 16). */
    static final int UNKNOWN_VID_BYTES = 16;

    final byte[] address;
    final String ip;
    int firstPort = -1;
    final Set<Integer> ports = new TreeSet<>();
    /** The port {@link #port} added last (0: none yet). */
    private int lastPort;
    private final List<VendorIdView> vendorIds = new ArrayList<>(4);
    private final Set<ImmutableBytes> vendorIdBytes = new HashSet<>();
    private String implementation;
    private boolean unity;

    PeerSightings(byte[] address) {
        this.address = address;
        this.ip = Addresses.format(address);
    }

    void port(int p) {
        if (p <= 0) {
            return;
        }
        if (firstPort < 0) {
            firstPort = p;
        }
        if (p != lastPort) {
            // Most calls repeat the last port (ESP in UDP): no boxing then.
            ports.add(p);
            lastPort = p;
        }
    }

    /** Records a vendor ID payload this side sent (its catalogue entry names the implementation). */
    void vendorId(Payload p) {
        if (!(p.body() instanceof VendorIdBody v) || vendorIds.size() >= MAX_VENDOR_IDS) {
            return;
        }
        VendorIdCatalog.VendorId entry = v.vendor();
        int to = entry != null ? v.to() : Math.min(v.to(), v.from() + UNKNOWN_VID_BYTES);
        ImmutableBytes bytes = ImmutableBytes.copyOfRange(v.message(), v.from(), to);
        if (!vendorIdBytes.add(bytes)) {
            return;
        }
        vendorIds.add(new VendorId(bytes, entry == null ? null : entry.label(), entry != null && entry.has("natt")));
        if (entry != null) {
            if (implementation == null && entry.implementation().isPresent()) {
                implementation = entry.implementation().get();
            }
            unity |= entry.has("unity");
        }
    }

    Peer freeze() {
        String impl = implementation != null ? implementation : unity ? "cisco (Unity)" : null;
        return new Peer(ip, Math.max(firstPort, 0), List.copyOf(ports), impl, vendorIds);
    }
}
