package org.ikescope.dissector.crypto;

/**
 * A registry code this package has no implementation for (an unassigned code, IDEA, RC5, Tiger,
 * an IKEv1 PRF attribute, an EC2N or Curve25519 group), or a combination the RFCs do not allow
 * (AES without a Key-Length attribute). Distinct from a plain {@link IllegalArgumentException},
 * which says that a value given (a key, an IV, a public value) is wrong: here nothing was
 * attempted.
 */
public final class UnsupportedAlgorithmException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public UnsupportedAlgorithmException(String message) {
        super(message);
    }
}
