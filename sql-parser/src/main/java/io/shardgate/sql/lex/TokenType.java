package io.shardgate.sql.lex;

/** What a {@link SqlTokens} entry is. Comments are not tokens (see {@link SqlTokens#comments()}). */
public enum TokenType {
    /** An unquoted identifier or keyword (also identifiers that start with a digit, as MySQL allows). */
    WORD,
    /** {@code `name`}; {@link SqlTokens#identifier} gives the name without quotes. */
    QUOTED_IDENTIFIER,
    /** {@code 'text'}, {@code "text"} (a string in MySQL's default mode) or {@code N'text'}. */
    STRING,
    /** {@code 12}, {@code 1.5}, {@code .5}, {@code 1e3}. */
    NUMBER,
    /** {@code X'0F'} or {@code 0x0F}. */
    HEX,
    /** {@code B'01'} or {@code 0b01}. */
    BIT,
    /** {@code @name}, {@code @'name'}, {@code @@name}, {@code @@session.name}. */
    VARIABLE,
    /** A {@code ?} parameter marker. */
    PARAM,
    /** An operator or punctuation: {@code ( ) , . ; = <=> := || && -> ->>} and the other operators. */
    SYMBOL
}
