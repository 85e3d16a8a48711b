package switchboard.vpn.internal;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.XECPrivateKey;
import java.security.interfaces.XECPublicKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPrivateKeySpec;
import java.security.spec.XECPublicKeySpec;
import java.util.Base64;
import javax.crypto.KeyAgreement;

/**
 * WireGuard's Curve25519 keys: the raw 32-byte little-endian private scalar and public u-coordinate, written
 * in base64 as {@code wg genkey} and {@code wg pubkey} do. Made and derived with the JDK's X25519.
 */
final class WireGuardKey {
    static final int LENGTH = 32;
    private static final BigInteger BASE_POINT = BigInteger.valueOf(9);

    private WireGuardKey() {}

    /** A fresh key pair: {@code [private, public]}, the private scalar clamped as {@code wg genkey} does. */
    static byte[][] generatePair() {
        try {
            KeyPair pair = KeyPairGenerator.getInstance("X25519").generateKeyPair();
            byte[] secret = clamp(((XECPrivateKey) pair.getPrivate()).getScalar().orElseThrow());
            return new byte[][] {secret, littleEndian(((XECPublicKey) pair.getPublic()).getU())};
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java has no X25519", e);
        }
    }

    /** The public key of a private one: X25519(private, 9). */
    static byte[] publicOf(byte[] privateKey) {
        try {
            KeyFactory factory = KeyFactory.getInstance("XDH");
            KeyAgreement agreement = KeyAgreement.getInstance("XDH");
            agreement.init(factory.generatePrivate(new XECPrivateKeySpec(NamedParameterSpec.X25519, privateKey)));
            agreement.doPhase(factory.generatePublic(new XECPublicKeySpec(NamedParameterSpec.X25519, BASE_POINT)), true);
            return agreement.generateSecret();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java has no X25519", e);
        }
    }

    static String encode(byte[] key) {
        return Base64.getEncoder().encodeToString(key);
    }

    /** The 32 key bytes of a base64 key; an {@link IllegalArgumentException} says what is wrong with any other text. */
    static byte[] decode(String text) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(text.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a WireGuard key (base64 of 32 bytes): not base64");
        }
        if (key.length != LENGTH) throw new IllegalArgumentException("not a WireGuard key (base64 of 32 bytes): " + key.length + " bytes");
        return key;
    }

    /** {@code text} if it is a WireGuard key, else an {@link IllegalArgumentException}. */
    static String valid(String text) {
        return encode(decode(text));
    }

    private static byte[] clamp(byte[] scalar) {
        byte[] k = scalar.clone();
        k[0] &= (byte) 248;
        k[31] &= (byte) 127;
        k[31] |= (byte) 64;
        return k;
    }

    private static byte[] littleEndian(BigInteger u) {
        byte[] bigEndian = u.toByteArray();
        byte[] out = new byte[LENGTH];
        for (int i = 0; i < LENGTH && i < bigEndian.length; i++) out[i] = bigEndian[bigEndian.length - 1 - i];
        return out;
    }
}
