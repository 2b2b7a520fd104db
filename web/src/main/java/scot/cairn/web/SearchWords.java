package scot.cairn.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * The words of a catalogue search, reduced to their stems by Lucene's English analyzer (Porter
 * stemming, English stop words dropped), so that "deprived" finds "Deprivation" and "rates" finds
 * "rate". A dataset matches when every word of the query matches its title and description: by
 * stem, or as the start of a word typed so far ("sch" still finds "School"). Thread-safe.
 */
final class SearchWords {
    private static final Analyzer ENGLISH = new EnglishAnalyzer();

    private SearchWords() {}

    /** The stems of {@code text}, in order, without repeats. */
    static Set<String> stems(String text) {
        Set<String> out = new LinkedHashSet<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        try (TokenStream tokens = ENGLISH.tokenStream("text", text)) {
            CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
            tokens.reset();
            while (tokens.incrementToken()) {
                out.add(term.toString());
            }
            tokens.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // reading a String does not fail
        }
        return out;
    }

    /** The text a dataset is found by: its stems, and its words in lower case for prefixes. */
    record Text(Set<String> stems, String lower) {
        static Text of(String text) {
            return new Text(
                    SearchWords.stems(text),
                    " "
                            + (text == null ? "" : text.toLowerCase(java.util.Locale.ROOT))
                                    .replaceAll("[^\\p{L}\\p{N}]+", " "));
        }

        /** Whether every word of {@code query} is found here, by its stem or as a word's beginning. */
        boolean matches(String query) {
            for (String word : query.toLowerCase(java.util.Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
                if (word.isEmpty()) {
                    continue;
                }
                Set<String> stem = SearchWords.stems(word);
                if (stem.isEmpty()) {
                    continue; // a stop word ("the", "of") narrows nothing
                }
                if (!stems.containsAll(stem) && !lower.contains(" " + word)) {
                    return false;
                }
            }
            return true;
        }
    }
}
