package scot.cairn.vocab;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The slug rules used for every URI path segment the publisher derives from a label.
 *
 * <p>A slug is lower case ASCII letters, digits and single hyphens, starting and ending with a
 * letter or digit: {@code "Rate per 1,000 people"} becomes {@code "rate-per-1000-people"},
 * {@code "16-64"} stays {@code "16-64"}, {@code "Males & Females"} becomes {@code "males-and-females"}.
 */
public final class Slugs {
    private Slugs() {}

    private static final Pattern SLUG = Pattern.compile("[a-z0-9]+(?:-[a-z0-9]+)*");
    private static final Pattern NON_ALNUM = Pattern.compile("[^a-z0-9]+");
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");

    /** True when {@code s} is already a slug. */
    public static boolean isSlug(String s) {
        return s != null && SLUG.matcher(s).matches();
    }

    /**
     * The slug of a label: accents dropped, {@code &} read as "and", digit group separators
     * ({@code 1,000}) removed, every other run of non-alphanumerics becomes one hyphen.
     *
     * @throws IllegalArgumentException when the label has no letter or digit
     */
    public static String slugify(String label) {
        String s = Normalizer.normalize(label.strip(), Normalizer.Form.NFD);
        s = MARKS.matcher(s).replaceAll("");
        s = s.toLowerCase(Locale.ROOT).replace("&", " and ").replace("+", " plus ");
        s = s.replaceAll("(?<=\\d),(?=\\d{3})", "");
        s = NON_ALNUM.matcher(s).replaceAll("-");
        s = s.replaceAll("^-+|-+$", "");
        if (s.isEmpty()) {
            throw new IllegalArgumentException("label has no letter or digit to make a slug from: '" + label + "'");
        }
        return s;
    }

    /** The lowerCamelCase form used for dimension property names ({@code "Age group"} -> {@code ageGroup}). */
    public static String camel(String label) {
        String[] words = slugify(label).split("-");
        StringBuilder sb = new StringBuilder(words[0]);
        for (int i = 1; i < words.length; i++) {
            sb.append(Character.toUpperCase(words[i].charAt(0))).append(words[i], 1, words[i].length());
        }
        return sb.toString();
    }
}
