package org.ikescope.dissector.isakmp;

import java.util.ArrayList;
import java.util.List;
import org.ikescope.api.protocol.Doi;
import org.ikescope.api.protocol.Ikev2ProtocolId;
import org.ikescope.api.protocol.ProtocolId;
import org.ikescope.dissector.describe.FieldSink;

/**
 * A Delete payload body: IKEv1 D (RFC 2408 section 3.15) or IKEv2 D (RFC 7296 section 3.11).
 *
 * <pre>
 * IKEv1: !              Domain of Interpretation  (DOI)                  !
 *        !  Protocol-Id  !   SPI Size    !           # of SPIs           !
 * IKEv2: !  Protocol ID  !   SPI Size    !          Num of SPIs          !
 *        ~               Security Parameter Index(es) (SPI)              ~
 * </pre>
 * The SPIs stay in the message: {@code spiCount()} SPIs of {@code spiSize} bytes from
 * {@code spisFrom}. An IKEv1 ISAKMP SA is named by both cookies (16 bytes).
 *
 * @param doi        IKEv1 DOI; -1 in IKEv2
 * @param spiCount   # of SPIs as declared
 * @param spisFound  SPIs that fit in the payload (== spiCount unless malformed)
 */
public record DeleteBody(boolean v2, long doi, int protocolId, int spiSize, int spiCount, int spisFound,
                         byte[] message, int spisFrom) implements PayloadBody {

    @Override
    public String key() {
        return "delete";
    }

    /** SPI {@code i} (0-based, below {@link #spisFound()}) as lowercase hex. */
    public String spi(int i) {
        int at = spisFrom + i * spiSize;
        return Octets.hex(message, at, at + spiSize);
    }

    /** All SPIs that fit, as lowercase hex. */
    public List<String> spis() {
        List<String> out = new ArrayList<>(spisFound);
        for (int i = 0; i < spisFound; i++) {
            out.add(spi(i));
        }
        return List.copyOf(out);
    }

    @Override
    public void describe(FieldSink out) {
        if (!v2) {
            out.code("doi", "Domain of interpretation", (int) doi, Doi.nameOf((int) doi));
        }
        out.code("protocolId", "Protocol ID", protocolId,
                v2 ? Ikev2ProtocolId.nameOf(protocolId) : ProtocolId.nameOf(protocolId));
        out.number("spiSize", "SPI Size", spiSize);
        out.number("spiCount", "Number of SPIs", spiCount);
        out.beginArray("spis", "SPIs");
        for (int i = 0; i < spisFound; i++) {
            int at = spisFrom + i * spiSize;
            out.hex(null, "Delete SPI", message, at, at + spiSize);
        }
        out.endArray();
    }
}
