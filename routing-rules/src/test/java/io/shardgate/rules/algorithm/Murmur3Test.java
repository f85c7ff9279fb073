package io.shardgate.rules.algorithm;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/** The placement hash must match the published MurmurHash3 x86_32 vectors, or other tools place rows differently. */
class Murmur3Test {

    @ParameterizedTest(name = "bytes [{0}] seed {1}")
    @CsvSource({
            "'',         0x00000000, 0x00000000",
            "'',         0x00000001, 0x514E28B7",
            "'',         0xFFFFFFFF, 0x81F16F39",
            "ffffffff,   0x00000000, 0x76293B50",
            "21436587,   0x00000000, 0xF55B516B",
            "21436587,   0x5082EDEE, 0x2362F9DE",
            "214365,     0x00000000, 0x7E4A8634",
            "2143,       0x00000000, 0xA0F7B07A",
            "21,         0x00000000, 0x72661CF4",
            "00000000,   0x00000000, 0x2362F9DE",
            "000000,     0x00000000, 0x85F0B427",
            "0000,       0x00000000, 0x30F4C306",
            "00,         0x00000000, 0x514E28B7",
    })
    void matchesPublishedVectors(String hex, String seed, String expected) {
        byte[] data = HexFormat.of().parseHex(hex);
        assertThat(Murmur3.hash32(data, Integer.parseUnsignedInt(seed.substring(2), 16)))
                .isEqualTo(Integer.parseUnsignedInt(expected.substring(2), 16));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @CsvSource({
            "'',                                            0x00000000",
            "hello,                                         0x248bfa47",
            "The quick brown fox jumps over the lazy dog,   0x2e4ff723",
            "R,                                             0x79b365c1",
    })
    void hashesUtf8Text(String text, String expected) {
        assertThat(Murmur3.hash32(text.getBytes(StandardCharsets.UTF_8), 0))
                .isEqualTo(Integer.parseUnsignedInt(expected.substring(2), 16));
    }
}
