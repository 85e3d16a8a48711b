package switchboard.api.dhcp;

import java.net.Inet4Address;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import switchboard.api.network.Cidr;

/** The options of a DHCP message in their order, code to value; immutable, made with a {@link Builder}. */
public final class DhcpOptions {
    private final Map<Integer, byte[]> values;

    private DhcpOptions(Map<Integer, byte[]> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Set<Integer> codes() {
        return values.keySet();
    }

    public boolean has(int code) {
        return values.containsKey(code);
    }

    public Optional<byte[]> bytes(int code) {
        byte[] v = values.get(code);
        return v == null ? Optional.empty() : Optional.of(v.clone());
    }

    public Optional<Integer> uint8(int code) {
        byte[] v = values.get(code);
        return v == null || v.length != 1 ? Optional.empty() : Optional.of(v[0] & 0xff);
    }

    public Optional<Integer> uint16(int code) {
        byte[] v = values.get(code);
        return v == null || v.length != 2 ? Optional.empty() : Optional.of((v[0] & 0xff) << 8 | (v[1] & 0xff));
    }

    /** A 32-bit unsigned value (times in seconds), as a long. */
    public Optional<Long> uint32(int code) {
        byte[] v = values.get(code);
        return v == null || v.length != 4 ? Optional.empty() : Optional.of(ByteBuffer.wrap(v).getInt() & 0xffffffffL);
    }

    public Optional<Inet4Address> address(int code) {
        byte[] v = values.get(code);
        return v == null || v.length != 4 ? Optional.empty() : Optional.of(Cidr.fromInt(ByteBuffer.wrap(v).getInt()));
    }

    public List<Inet4Address> addresses(int code) {
        byte[] v = values.get(code);
        List<Inet4Address> out = new ArrayList<>();
        if (v == null || v.length % 4 != 0) return out;
        ByteBuffer b = ByteBuffer.wrap(v);
        while (b.hasRemaining()) out.add(Cidr.fromInt(b.getInt()));
        return out;
    }

    /** A text option (NVT ASCII); a trailing NUL some clients send is left out. */
    public Optional<String> string(int code) {
        byte[] v = values.get(code);
        if (v == null) return Optional.empty();
        int length = v.length;
        while (length > 0 && v[length - 1] == 0) length--;
        return Optional.of(new String(v, 0, length, StandardCharsets.US_ASCII));
    }

    public Optional<MessageType> messageType() {
        return uint8(OptionCode.MESSAGE_TYPE).flatMap(MessageType::of);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof DhcpOptions other) || !other.values.keySet().equals(values.keySet())) return false;
        for (Map.Entry<Integer, byte[]> e : values.entrySet())
            if (!Arrays.equals(e.getValue(), other.values.get(e.getKey()))) return false;
        return true;
    }

    @Override
    public int hashCode() {
        int h = 0;
        for (Map.Entry<Integer, byte[]> e : values.entrySet()) h += e.getKey() ^ Arrays.hashCode(e.getValue());
        return h;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("{");
        values.forEach((code, v) -> s.append(s.length() > 1 ? ", " : "").append(code).append('=').append(v.length).append('B'));
        return s.append('}').toString();
    }

    /** Collects options; a code set twice keeps its first position and the last value. */
    public static final class Builder {
        private final Map<Integer, byte[]> values = new LinkedHashMap<>();

        private Builder() {}

        public Builder bytes(int code, byte[] value) {
            if (code <= OptionCode.PAD || code >= OptionCode.END)
                throw new IllegalArgumentException("option code " + code + " is not between 1 and 254");
            values.put(code, value.clone());
            return this;
        }

        public Builder uint8(int code, int value) {
            return bytes(code, new byte[] {(byte) value});
        }

        public Builder uint16(int code, int value) {
            return bytes(code, new byte[] {(byte) (value >>> 8), (byte) value});
        }

        public Builder uint32(int code, long value) {
            return bytes(code, ByteBuffer.allocate(4).putInt((int) value).array());
        }

        public Builder addresses(int code, List<Inet4Address> addresses) {
            ByteBuffer b = ByteBuffer.allocate(4 * addresses.size());
            addresses.forEach(a -> b.put(a.getAddress()));
            return bytes(code, b.array());
        }

        public Builder address(int code, Inet4Address address) {
            return addresses(code, List.of(address));
        }

        public Builder string(int code, String value) {
            return bytes(code, value.getBytes(StandardCharsets.US_ASCII));
        }

        public Builder messageType(MessageType type) {
            return uint8(OptionCode.MESSAGE_TYPE, type.code());
        }

        public Builder remove(int code) {
            values.remove(code);
            return this;
        }

        public DhcpOptions build() {
            Map<Integer, byte[]> copy = new LinkedHashMap<>();
            values.forEach((k, v) -> copy.put(k, v.clone()));
            return new DhcpOptions(copy);
        }
    }
}
