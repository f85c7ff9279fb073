package io.shardgate.proxy.protocol;

import io.netty.buffer.ByteBuf;
import io.shardgate.error.ErrorCode;
import io.shardgate.error.ShardgateException;

import java.nio.charset.StandardCharsets;

/**
 * The one place that reads and writes the protocol's basic data types over a {@link ByteBuf}:
 * fixed-length little-endian integers, length-encoded integers and strings, NUL-terminated and
 * rest-of-packet strings. Every packet class is written in terms of these; nothing else touches
 * bytes. Strings are utf8mb4 (the only character set Shardgate negotiates).
 *
 * <p>Reads past the end throw a {@link ShardgateException} with {@link ErrorCode#MALFORMED_PACKET},
 * which costs the connection (the client sent something no MySQL server would accept).
 *
 * @see <a href="https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_basic_data_types.html">Basic Data Types</a>
 */
public final class Payload {

    /** The first byte of a length-encoded integer that stands for SQL NULL in a text row. */
    public static final int NULL_MARKER = 0xFB;

    private final ByteBuf buf;

    public Payload(ByteBuf buf) {
        this.buf = buf;
    }

    public ByteBuf buffer() {
        return buf;
    }

    public int readableBytes() {
        return buf.readableBytes();
    }

    public boolean isReadable() {
        return buf.isReadable();
    }

    /** The next byte without consuming it. */
    public int peekInt1() {
        need(1);
        return buf.getUnsignedByte(buf.readerIndex());
    }

    // ---- fixed-length integers -----------------------------------------------------------------

    public int readInt1() {
        need(1);
        return buf.readUnsignedByte();
    }

    public int readInt2() {
        need(2);
        return buf.readUnsignedShortLE();
    }

    public int readInt3() {
        need(3);
        return buf.readUnsignedMediumLE();
    }

    /** Unsigned 4-byte integer as a long. */
    public long readInt4() {
        need(4);
        return buf.readUnsignedIntLE();
    }

    public long readInt6() {
        need(6);
        long low = buf.readUnsignedIntLE();
        long high = buf.readUnsignedShortLE();
        return low | (high << 32);
    }

    /** 8-byte integer; unsigned values above Long.MAX_VALUE come back negative (two's complement bits). */
    public long readInt8() {
        need(8);
        return buf.readLongLE();
    }

    public Payload writeInt1(int value) {
        buf.writeByte(value);
        return this;
    }

    public Payload writeInt2(int value) {
        buf.writeShortLE(value);
        return this;
    }

    public Payload writeInt3(int value) {
        buf.writeMediumLE(value);
        return this;
    }

    public Payload writeInt4(long value) {
        buf.writeIntLE((int) value);
        return this;
    }

    public Payload writeInt6(long value) {
        buf.writeIntLE((int) value);
        buf.writeShortLE((int) (value >>> 32));
        return this;
    }

    public Payload writeInt8(long value) {
        buf.writeLongLE(value);
        return this;
    }

    public float readFloat() {
        need(4);
        return buf.readFloatLE();
    }

    public double readDouble() {
        need(8);
        return buf.readDoubleLE();
    }

    public Payload writeFloat(float value) {
        buf.writeFloatLE(value);
        return this;
    }

    public Payload writeDouble(double value) {
        buf.writeDoubleLE(value);
        return this;
    }

    // ---- length-encoded integers -----------------------------------------------------------------

    /** True when the next length-encoded value is the NULL marker 0xFB (text rows, COM_FIELD_LIST). */
    public boolean peekNull() {
        return buf.isReadable() && buf.getUnsignedByte(buf.readerIndex()) == NULL_MARKER;
    }

    public long readLenencInt() {
        int first = readInt1();
        if (first < 0xFB) {
            return first;
        }
        return switch (first) {
            case 0xFC -> readInt2();
            case 0xFD -> readInt3();
            case 0xFE -> readInt8();
            default -> throw malformed("0x" + Integer.toHexString(first) + " does not start a length-encoded integer");
        };
    }

    public Payload writeLenencInt(long value) {
        if (value >= 0 && value < 0xFB) {
            buf.writeByte((int) value);
        } else if (value >= 0 && value < (1 << 16)) {
            buf.writeByte(0xFC);
            buf.writeShortLE((int) value);
        } else if (value >= 0 && value < (1 << 24)) {
            buf.writeByte(0xFD);
            buf.writeMediumLE((int) value);
        } else {
            buf.writeByte(0xFE);
            buf.writeLongLE(value);
        }
        return this;
    }

    /** Writes the 0xFB byte that stands for NULL in a text row. */
    public Payload writeNull() {
        buf.writeByte(NULL_MARKER);
        return this;
    }

    // ---- strings ---------------------------------------------------------------------------------

    public byte[] readLenencBytes() {
        long length = readLenencInt();
        if (length > buf.readableBytes()) {
            throw malformed("a length-encoded string of " + length + " bytes runs past the end of the packet");
        }
        return readFixedBytes((int) length);
    }

    public String readLenencString() {
        return new String(readLenencBytes(), StandardCharsets.UTF_8);
    }

    public Payload writeLenencBytes(byte[] value) {
        writeLenencInt(value.length);
        buf.writeBytes(value);
        return this;
    }

    public Payload writeLenencString(String value) {
        return writeLenencBytes(value == null ? new byte[0] : value.getBytes(StandardCharsets.UTF_8));
    }

    public byte[] readNulBytes() {
        int end = buf.indexOf(buf.readerIndex(), buf.writerIndex(), (byte) 0);
        if (end < 0) {
            throw malformed("a NUL-terminated string has no terminator");
        }
        byte[] bytes = readFixedBytes(end - buf.readerIndex());
        buf.skipBytes(1);
        return bytes;
    }

    public String readNulString() {
        return new String(readNulBytes(), StandardCharsets.UTF_8);
    }

    public Payload writeNulBytes(byte[] value) {
        buf.writeBytes(value);
        buf.writeByte(0);
        return this;
    }

    public Payload writeNulString(String value) {
        return writeNulBytes(value.getBytes(StandardCharsets.UTF_8));
    }

    public byte[] readFixedBytes(int length) {
        need(length);
        byte[] bytes = new byte[length];
        buf.readBytes(bytes);
        return bytes;
    }

    public String readFixedString(int length) {
        return new String(readFixedBytes(length), StandardCharsets.UTF_8);
    }

    public Payload writeBytes(byte[] value) {
        buf.writeBytes(value);
        return this;
    }

    public Payload writeBytes(ByteBuf value) {
        buf.writeBytes(value, value.readerIndex(), value.readableBytes());
        return this;
    }

    public Payload writeZeros(int count) {
        buf.writeZero(count);
        return this;
    }

    public byte[] readRestBytes() {
        return readFixedBytes(buf.readableBytes());
    }

    public String readRestString() {
        return new String(readRestBytes(), StandardCharsets.UTF_8);
    }

    public Payload writeRestString(String value) {
        buf.writeBytes(value.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    public Payload skip(int count) {
        need(count);
        buf.skipBytes(count);
        return this;
    }

    private void need(int count) {
        if (count < 0 || buf.readableBytes() < count) {
            throw malformed("needed " + count + " more bytes, " + buf.readableBytes() + " left");
        }
    }

    /** The exception for a packet that does not follow the protocol (costs the connection). */
    public static ShardgateException malformed(String detail) {
        return new ShardgateException(ErrorCode.MALFORMED_PACKET, detail);
    }
}
