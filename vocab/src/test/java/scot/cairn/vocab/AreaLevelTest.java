package scot.cairn.vocab;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AreaLevelTest {

    @Test
    void levelsAreNamedWithTheirArticle() {
        assertThat(AreaLevel.DATA_ZONE.labelWithArticle()).isEqualTo("a Data Zone 2011");
        assertThat(AreaLevel.INTERMEDIATE_ZONE.labelWithArticle()).isEqualTo("an Intermediate Zone 2011");
        assertThat(AreaLevel.COUNCIL.labelWithArticle()).isEqualTo("a Council Area");
    }

    @Test
    void aCodeNamesItsLevel() {
        assertThat(AreaLevel.ofCode("S02001236")).contains(AreaLevel.INTERMEDIATE_ZONE);
        assertThat(AreaLevel.parse("council-areas")).contains(AreaLevel.COUNCIL);
        assertThat(AreaLevel.ofCode("E01000001")).isEmpty();
    }
}
