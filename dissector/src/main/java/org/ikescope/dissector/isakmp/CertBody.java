package org.ikescope.dissector.isakmp;

import org.ikescope.api.protocol.CertEncoding;
import org.ikescope.dissector.describe.FieldSink;

/**
 * A CERT or CR / CERTREQ payload body (RFC 2408 sections 3.9-3.10, RFC 7296 sections 3.6-3.7):
 * an encoding byte, then the data as a slice of the message.
 *
 * @param request  a certificate request (CR 7, CERTREQ 38)
 * @param encoding Cert Encoding (4 = X.509 Certificate - Signature)
 * @param subject  CERT with an X.509 certificate: its subject DN; IKEv1 CR for X.509: the
 *                 requested authority's DN; otherwise null
 * @param issuer   CERT with an X.509 certificate: its issuer DN; otherwise null
 */
public record CertBody(boolean request, int encoding, byte[] message, int dataFrom, int dataTo, String subject,
                       String issuer) implements PayloadBody {

    @Override
    public String key() {
        return request ? "certRequest" : "cert";
    }

    public int dataLength() {
        return dataTo - dataFrom;
    }

    @Override
    public void describe(FieldSink out) {
        out.code("encoding", request ? "Certificate Type" : "Certificate Encoding", encoding,
                CertEncoding.nameOf(encoding));
        out.number("length", "Data length", dataTo - dataFrom);
        if (request) {
            if (subject != null) {
                out.string("authority", "Certificate Authority Distinguished Name", subject);
            }
        } else {
            if (subject != null) {
                out.string("subject", "Subject", subject);
            }
            if (issuer != null) {
                out.string("issuer", "Issuer", issuer);
            }
        }
        if (dataTo > dataFrom) {
            out.hex("data", request ? "Certificate Authority" : "Certificate Data", message, dataFrom, dataTo);
        }
    }
}
