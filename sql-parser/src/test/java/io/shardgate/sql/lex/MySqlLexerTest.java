package io.shardgate.sql.lex;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MySqlLexerTest {

    private static List<String> texts(SqlTokens t) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < t.size(); i++) {
            out.add(t.text(i));
        }
        return out;
    }

    private static List<TokenType> types(SqlTokens t) {
        List<TokenType> out = new ArrayList<>();
        for (int i = 0; i < t.size(); i++) {
            out.add(t.type(i));
        }
        return out;
    }

    @Test
    void stringsKeepCommentMarkersQuotesAndMarkersInside() {
        SqlTokens t = MySqlLexer.tokenize("SELECT 'a -- b /* c */ #d ?', \"x\"\"y\", 'it''s', 'a\\'b\\\\'");
        assertThat(types(t)).containsExactly(TokenType.WORD, TokenType.STRING, TokenType.SYMBOL, TokenType.STRING,
                TokenType.SYMBOL, TokenType.STRING, TokenType.SYMBOL, TokenType.STRING);
        assertThat(t.stringValue(1)).isEqualTo("a -- b /* c */ #d ?");
        assertThat(t.stringValue(3)).isEqualTo("x\"y");
        assertThat(t.stringValue(5)).isEqualTo("it's");
        assertThat(t.stringValue(7)).isEqualTo("a'b\\");
        assertThat(t.comments()).isEmpty();
        assertThat(t.parameterCount()).isZero();
    }

    @Test
    void backslashEscapesFollowMySql() {
        SqlTokens t = MySqlLexer.tokenize("'\\n\\t\\0\\Z\\%\\_\\q'");
        assertThat(t.stringValue(0)).isEqualTo("\n\t\0\u001A\\%\\_q");
    }

    @Test
    void backQuotedNamesMayHoldDotsQuotesAndSpaces() {
        SqlTokens t = MySqlLexer.tokenize("SELECT `a.b`.`c``d` FROM `my table`");
        assertThat(texts(t)).containsExactly("SELECT", "`a.b`", ".", "`c``d`", "FROM", "`my table`");
        assertThat(t.identifier(1)).isEqualTo("a.b");
        assertThat(t.identifier(3)).isEqualTo("c`d");
        assertThat(t.identifier(5)).isEqualTo("my table");
    }

    @Test
    void commentsAreNotTokensButAreKept() {
        SqlTokens t = MySqlLexer.tokenize("SELECT 1 -- one\n, 2 # two\n, 3 /* three */ /*+ hint */");
        assertThat(texts(t)).containsExactly("SELECT", "1", ",", "2", ",", "3");
        assertThat(t.comments()).extracting(Comment::body).containsExactly(" one", " two", " three ", "+ hint ");
    }

    @Test
    void doubleDashWithoutSpaceIsMinusMinus() {
        SqlTokens t = MySqlLexer.tokenize("SELECT 1--1");
        assertThat(texts(t)).containsExactly("SELECT", "1", "-", "-", "1");
        assertThat(t.comments()).isEmpty();
    }

    @Test
    void versionedCommentsAreSql() {
        SqlTokens t = MySqlLexer.tokenize("/*!40101 SET @a=1 */; CREATE TABLE t (a int) /*!50100 PARTITION BY HASH (a) */ "
                + "/*M!100100 SELECT 2 */");
        assertThat(texts(t)).containsExactly("SET", "@a", "=", "1", ";", "CREATE", "TABLE", "t", "(", "a", "int", ")",
                "PARTITION", "BY", "HASH", "(", "a", ")", "SELECT", "2");
        assertThat(t.comments()).isEmpty();
    }

    @Test
    void markersOutsideStringsAndCommentsAreCounted() {
        SqlTokens t = MySqlLexer.tokenize("SELECT '?', \"?\", `?` /* ? */ -- ?\n , ? # ?\n, ?");
        assertThat(t.parameterCount()).isEqualTo(2);
        int first = texts(t).indexOf("?");
        assertThat(t.parameterOrdinal(first)).isZero();
        assertThat(t.parameterOrdinal(texts(t).lastIndexOf("?"))).isEqualTo(1);
    }

    @Test
    void numbersHexBitsAndDigitLeadingNames() {
        SqlTokens t = MySqlLexer.tokenize("1 1.5 .5 1e3 1.5E-3 0x1F X'0f' b'101' 0b11 1abc 2021_orders");
        assertThat(types(t)).containsExactly(TokenType.NUMBER, TokenType.NUMBER, TokenType.NUMBER, TokenType.NUMBER,
                TokenType.NUMBER, TokenType.HEX, TokenType.HEX, TokenType.BIT, TokenType.BIT, TokenType.WORD,
                TokenType.WORD);
    }

    @Test
    void qualifiedNameAfterNameIsNotADecimal() {
        SqlTokens t = MySqlLexer.tokenize("t.5col");
        assertThat(texts(t)).containsExactly("t", ".", "5col");
    }

    @Test
    void variablesAndNationalStrings() {
        SqlTokens t = MySqlLexer.tokenize("@a @@session.sql_mode @'q v' @`b` N'n' _utf8mb4'x'");
        assertThat(types(t)).containsExactly(TokenType.VARIABLE, TokenType.VARIABLE, TokenType.VARIABLE,
                TokenType.VARIABLE, TokenType.STRING, TokenType.WORD, TokenType.STRING);
        assertThat(t.stringValue(4)).isEqualTo("n");
    }

    @Test
    void multiCharacterOperators() {
        SqlTokens t = MySqlLexer.tokenize("a<=>b<=c>=d<>e!=f:=g||h&&i->j->>k");
        assertThat(texts(t)).containsExactly("a", "<=>", "b", "<=", "c", ">=", "d", "<>", "e", "!=", "f", ":=", "g",
                "||", "h", "&&", "i", "->", "j", "->>", "k");
    }

    @Test
    void unterminatedStringAndCommentRunToTheEnd() {
        SqlTokens t = MySqlLexer.tokenize("SELECT 'abc");
        assertThat(t.size()).isEqualTo(2);
        assertThat(t.end(1)).isEqualTo(11);
        assertThat(MySqlLexer.tokenize("SELECT 1 /* open").comments()).hasSize(1);
        assertThat(MySqlLexer.tokenize("SELECT 'a\\").size()).isEqualTo(2);
    }

    @Test
    void offsetsPointIntoTheOriginalText() {
        String sql = "SELECT\n\t`x` FROM  t";
        SqlTokens t = MySqlLexer.tokenize(sql);
        for (int i = 0; i < t.size(); i++) {
            assertThat(sql.substring(t.start(i), t.end(i))).isEqualTo(t.text(i));
        }
        assertThat(t.start(1)).isEqualTo(8);
    }

    @Test
    void splitsMultiStatementTextAtTopLevelSemicolons() {
        assertThat(MySqlLexer.splitStatements("SELECT ';'; SELECT `a;b` -- ;\n; /* ; */ SELECT 3;"))
                .containsExactly("SELECT ';'", "SELECT `a;b` -- ;", "/* ; */ SELECT 3");
        assertThat(MySqlLexer.splitStatements("SELECT 1; -- trailing comment")).containsExactly("SELECT 1");
        assertThat(MySqlLexer.splitStatements("  ")).isEmpty();
    }
}
