package dev.clearance.internal.detect.pii;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clearance.Finding;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BitcoinTest {
    private final Bitcoin recognizer = new Bitcoin();

    @ParameterizedTest
    @ValueSource(
            strings = {
                "1eBMeTpiB6V3JQLTvaK3u944WAVRfVGmK",
                "35MNGPgm2ywdvBZkC1J64ByH2jmWx9oSUw",
                "bc1qv3jkvemgd94xkmrddehhqutjwd682anh7raxua"
            })
    void reportsBase58checkAndBech32Addresses(String word) {
        assertThat(Recognize.word(recognizer, word)).extracting(Finding::type).containsExactly("CRYPTO");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "1eBMeTpiB623JQLTvaK3u944WAVRfVGmK",
                "bc1qv3jkvemg294xkmrddehhqutjwd682anh7raxua",
                "2eBMeTpiB6V3JQLTvaK3u944WAVRfVGmK",
                "tb1qv3jkvemgd94xkmrddehhqutjwd682anh7raxua"
            })
    void rejectsBrokenChecksumsAndOtherPrefixes(String word) {
        assertThat(Recognize.word(recognizer, word)).isEmpty();
    }
}
