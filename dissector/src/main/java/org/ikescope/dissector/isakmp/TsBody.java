package org.ikescope.dissector.isakmp;

import java.util.List;
import org.ikescope.dissector.describe.FieldSink;

/**
 * An IKEv2 TSi / TSr payload body (RFC 7296 section 3.13): Number of TSs (1), RESERVED (3), then
 * the selectors.
 *
 * @param count Number of TSs as declared
 */
public record TsBody(int count, List<TrafficSelector> selectors) implements PayloadBody {
    public TsBody {
        selectors = List.copyOf(selectors);
    }

    @Override
    public String key() {
        return "trafficSelectors";
    }

    @Override
    public void describe(FieldSink out) {
        out.number("count", "Number of TSs", count);
        out.beginArray("selectors", "Traffic Selectors");
        for (TrafficSelector ts : selectors) {
            out.beginObject(null, "Traffic Selector");
            ts.describe(out);
            out.endObject();
        }
        out.endArray();
    }
}
