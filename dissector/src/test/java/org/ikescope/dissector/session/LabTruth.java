package org.ikescope.dissector.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/** What the lab truth files say about decryption, for the tests of this module and the analyzer's. */
public final class LabTruth {
    private static final ObjectMapper JSON = new ObjectMapper();

    private LabTruth() {
    }

    /** The truth files in {@code lab} with an exchange whose MM5/MM6 tshark decrypted, sorted. */
    public static List<Path> decryptable(Path lab) throws IOException {
        try (Stream<Path> s = Files.list(lab)) {
            return s.filter(p -> p.toString().endsWith(".truth.json")).sorted().filter(p -> {
                try {
                    for (JsonNode x : JSON.readTree(p.toFile()).get("exchanges")) {
                        if (x.path("wireshark_decryption").path("decrypted_id_payloads").size() > 0) {
                            return true;
                        }
                    }
                    return false;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        }
    }

    /**
     * Every PSK the daemons were configured with, in order of first mention: per instance, and per
     * peer in many-peers' peer_config ({@code "(none: RSA signatures)"} is not one).
     */
    public static List<String> configuredPsks(JsonNode truth) {
        List<String> psks = new ArrayList<>();
        Consumer<JsonNode> add = n -> {
            if (n != null && n.isTextual() && !n.asText().isEmpty() && !n.asText().startsWith("(none") && !psks.contains(n.asText())) {
                psks.add(n.asText());
            }
        };
        truth.get("instances").forEach(i -> add.accept(i.get("psk")));
        for (JsonNode x : truth.get("exchanges")) {
            add.accept(x.path("initiator").get("psk_configured"));
            add.accept(x.path("responder").get("psk_configured"));
            add.accept(x.path("peer_config").get("psk_i"));
            add.accept(x.path("peer_config").get("psk_r"));
        }
        return psks;
    }

    /**
     * tshark writes a DN as {@code id-at-commonName=gw,id-at-organizationName=Lab,id-at-countryName=XX}
     * (innermost first); the dissector as RFC 4514 orders and abbreviates it for people:
     * {@code C=XX, O=Lab, CN=gw}. Other identities are the same text in both.
     */
    public static String tsharkDn(String value) {
        if (!value.startsWith("id-at-")) {
            return value;
        }
        Map<String, String> names = Map.of("id-at-commonName", "CN", "id-at-organizationalUnitName", "OU",
                "id-at-organizationName", "O", "id-at-countryName", "C", "id-at-localityName", "L",
                "id-at-stateOrProvinceName", "ST", "pkcs-9-at-emailAddress", "E");
        List<String> parts = new ArrayList<>();
        for (String rdn : value.split(",")) {
            int eq = rdn.indexOf('=');
            parts.add(0, names.getOrDefault(rdn.substring(0, eq), rdn.substring(0, eq)) + "=" + rdn.substring(eq + 1));
        }
        return String.join(", ", parts);
    }
}
