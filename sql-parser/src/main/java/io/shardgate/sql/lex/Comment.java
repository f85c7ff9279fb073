package io.shardgate.sql.lex;

/**
 * A comment in a statement's text. {@code body} is the text between the markers
 * ({@code /*} and {@code *}{@code /}, or {@code --}/{@code #} and the line end); for an optimizer hint
 * ({@code /*+ … *}{@code /}) it starts with the {@code +}. Versioned comments ({@code /*! … *}{@code /})
 * are not comments: their content is lexed as SQL, as MySQL runs it.
 */
public record Comment(int start, int end, String body) {
}
