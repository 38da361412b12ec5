package dev.clearance.internal.detect.pii;

import dev.clearance.Finding;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/** Bitcoin address: base58check P2PKH / P2SH (1..., 3...) or bech32 / bech32m (bc1...); 26 to 62 chars. */
final class Bitcoin implements WordRecognizer {
    private static final PiiKind KIND = new PiiKind("CRYPTO", "bitcoin", 0.95, true);
    private static final String BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    private static final String BECH32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";

    @Override
    public PiiKind kind() {
        return KIND;
    }

    @Override
    public int minLength() {
        return 26;
    }

    @Override
    public int maxLength() {
        return 62;
    }

    @Override
    public boolean alnumOnly() {
        return true;
    }

    @Override
    public void find(String text, int s, int e, List<Finding> out) {
        char first = text.charAt(s);
        if ((first == '1' || first == '3' || text.startsWith("bc1", s)) && valid(text.substring(s, e))) {
            out.add(KIND.at(s, e));
        }
    }

    /** Bitcoin address: base58check (P2PKH / P2SH) or bech32 / bech32m (bc1...). */
    static boolean valid(String s) {
        if (s.startsWith("bc1") || s.startsWith("BC1")) {
            return bech32(s.toLowerCase(java.util.Locale.ROOT));
        }
        if (s.length() < 26 || s.length() > 35 || (s.charAt(0) != '1' && s.charAt(0) != '3')) {
            return false;
        }
        byte[] raw = base58(s);
        if (raw == null || raw.length != 25) {
            return false;
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(raw, 0, 21);
            byte[] h = sha.digest(sha.digest());
            for (int i = 0; i < 4; i++) {
                if (h[i] != raw[21 + i]) {
                    return false;
                }
            }
            return true;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    private static byte[] base58(String s) {
        java.math.BigInteger v = java.math.BigInteger.ZERO;
        java.math.BigInteger b58 = java.math.BigInteger.valueOf(58);
        for (int i = 0; i < s.length(); i++) {
            int d = BASE58.indexOf(s.charAt(i));
            if (d < 0) {
                return null;
            }
            v = v.multiply(b58).add(java.math.BigInteger.valueOf(d));
        }
        byte[] bytes = v.toByteArray();
        int leading = 0;
        while (leading < s.length() && s.charAt(leading) == '1') {
            leading++;
        }
        int strip = bytes.length > 1 && bytes[0] == 0 ? 1 : 0;
        byte[] out = new byte[leading + bytes.length - strip];
        System.arraycopy(bytes, strip, out, leading, bytes.length - strip);
        return out;
    }

    private static boolean bech32(String s) {
        int sep = s.lastIndexOf('1');
        if (sep < 1 || s.length() < 14 || s.length() > 74 || s.length() - sep < 7) {
            return false;
        }
        int[] values = new int[s.length() - sep - 1];
        for (int i = 0; i < values.length; i++) {
            int d = BECH32.indexOf(s.charAt(sep + 1 + i));
            if (d < 0) {
                return false;
            }
            values[i] = d;
        }
        byte[] hrp = s.substring(0, sep).getBytes(StandardCharsets.US_ASCII);
        int chk = 1;
        int[] expanded = new int[hrp.length * 2 + 1 + values.length];
        int k = 0;
        for (byte b : hrp) {
            expanded[k++] = b >> 5;
        }
        expanded[k++] = 0;
        for (byte b : hrp) {
            expanded[k++] = b & 31;
        }
        System.arraycopy(values, 0, expanded, k, values.length);
        int[] gen = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3};
        for (int v : expanded) {
            int top = chk >>> 25;
            chk = (chk & 0x1ffffff) << 5 ^ v;
            for (int i = 0; i < 5; i++) {
                if (((top >>> i) & 1) != 0) {
                    chk ^= gen[i];
                }
            }
        }
        return chk == 1 || chk == 0x2bc830a3;
    }
}
