using ClaimMl.Text;

namespace ClaimMl.Tests.Performance;

/// <summary>
/// The tokenizer's shortcuts give what the plain definitions give: the stem hash continued from the
/// word's prefix hash equals the hash of the stemmed word, and the single lexicon look-up gives the
/// flags of membership in each word list, for every token of the benchmark articles.
/// </summary>
[TestFixture]
public class TokenizerShortcutTests
{
    [Test]
    public void StemHashesAndLexiconFlagsMatchTheirDefinitions()
    {
        string folder = Path.Combine(RepoPaths.Root, "data", "benchmark", "sources");
        // the articles, plus words that exercise every rule of the stemmer and the lexicons
        string text = string.Join("\n", Directory.GetFiles(folder, "*.txt").Order(StringComparer.Ordinal).Select(File.ReadAllText))
            + "\nParties denied flies cried studies ponies classes buses analysis stopped hopping falling buzzed fizzled " +
              "Nicaragua's O’Brien’s wasn't DOESN'T don’t hoax HOAXES Debunked untrue true evidence reportedly alleged never nothing 10,000 3.5 ies ied tries";
        List<Token> tokens = WordTokenizer.Tokenize(text);
        Assert.That(tokens, Has.Count.GreaterThan(5000));
        Span<char> word = stackalloc char[64];
        foreach (Token token in tokens)
        {
            if (token.IsNumber)
            {
                continue;
            }
            ReadOnlySpan<char> surface = text.AsSpan(token.Start, Math.Min(token.Length, 64));
            for (int i = 0; i < surface.Length; i++)
            {
                word[i] = surface[i] == '\u2019' ? '\'' : char.ToLowerInvariant(surface[i]);
            }
            Span<char> normalised = word[..surface.Length];
            ulong term = TermHash.Of(normalised);
            var expected = TokenFlags.Word;
            if (char.IsUpper(surface[0])) expected |= TokenFlags.Capitalized;
            if (Lexicons.Stopwords.Contains(term)) expected |= TokenFlags.Stopword;
            if (Lexicons.Negations.Contains(term) || normalised.EndsWith("n't", StringComparison.Ordinal)) expected |= TokenFlags.Negation;
            if (Lexicons.RefutingCues.Contains(term)) expected |= TokenFlags.RefutingCue;
            if (Lexicons.HedgingCues.Contains(term)) expected |= TokenFlags.HedgingCue;
            if (Lexicons.Denials.Contains(term)) expected |= TokenFlags.Denial;
            if (Lexicons.TruthWords.Contains(term)) expected |= TokenFlags.Truth;
            ulong stem = TermHash.Of(normalised[..LightStemmer.Stem(normalised)]);

            string at = $"'{text.Substring(token.Start, token.Length)}' at {token.Start}";
            Assert.That(token.Term, Is.EqualTo(term), at);
            Assert.That(token.Stem, Is.EqualTo(stem), at);
            Assert.That(token.Flags, Is.EqualTo(expected), at);
        }
    }
}
