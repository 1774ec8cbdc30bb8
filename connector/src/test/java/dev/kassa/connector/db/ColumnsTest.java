package dev.kassa.connector.db;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Stored texts: cut to their column, and without what PostgreSQL cannot store (NUL) or a till never prints. */
class ColumnsTest {

    @Test
    void controlCharactersAndUnpairedSurrogatesAreDroppedLineBreaksAndEmojiKept() {
        assertThat(Columns.printable("a\u0000b\u0007c\nd\te")).isEqualTo("abc\nd\te");
        assertThat(Columns.printable("box \uD83D\uDCE6 ok")).isEqualTo("box \uD83D\uDCE6 ok");
        assertThat(Columns.printable("half \uD83D and \uDCE6")).isEqualTo("half  and ");
        assertThat(Columns.printable("plain")).isSameAs("plain");
        assertThat(Columns.printable(null)).isNull();
    }

    @Test
    void fitCutsToTheColumnAfterCleaning() {
        assertThat(Columns.fit("\u0000abcdef", 4)).isEqualTo("abc…");
        assertThat(Columns.fit("abc", 4)).isEqualTo("abc");
        assertThat(Columns.detail(null)).isEmpty();
    }
}
