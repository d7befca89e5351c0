using System.Globalization;
using System.Text;
using ClaimMl.Features;
using ClaimMl.Indexing;
using ClaimMl.Model;
using ClaimMl.Text;

namespace ClaimMl.Tests;

/// <summary>
/// Property tests on arbitrary strings, from a seeded generator (the same inputs on every run; a failure names the
/// case's seed and the input): the tokenizer, the sentence splitter, the featurizer and the checker never throw;
/// tokens and sentences are ordered, non-overlapping spans of the text; sentences cover all its non-white-space
/// characters; features are finite and the stance probabilities sum to 1.
/// </summary>
[TestFixture]
public sealed class PropertyTests
{
    private const int BaseSeed = 20_251_126;

    private static readonly StanceModel Model = ClaimChecker.CreateDefault(ClaimCheckingMode.LexicalOnly).Model;

    /// <summary>Pieces the generator strings together: words, numbers, cue words, abbreviations, every kind of punctuation,
    /// white space and line break, other scripts, emoji, combining marks, lone surrogates, control characters.</summary>
    private static readonly string[] Fragments =
    [
        "the", "bridge", "Merrow", "closed", "not", "never", "denied", "false", "reportedly", "may", "wasn't", "Nicaragua's", "n't", "'s",
        "10,000", "3.5", "1,2,3", "1.2.3", "12,000.50", "0", "007", "2024", "1,", ",1", ".5", "5.",
        "U.S.", "U.N.", "Gen.", "Mr.", "Oct.", "J.", "e.g.", "approx.", "etc.", "a.b.c.",
        ".", "!", "?", "…", "...", "?!", "\"", "'", ")", "]", "\u201D", "\u2019", ",", ";", ":", "-", "—", "(", "[", "*", "#", "/", "\\",
        " ", " ", " ", "  ", "\t", "\n", "\r", "\r\n", "\n\n", "\u00A0", "\u2028", "\u3000", "\u200B", "\uFEFF",
        "Мост", "закрыт", "다리는", "폐쇄된다", "جسر", "مغلقا", "٣٤٥", "桥梁", "关闭。", "पुल", "é", "e\u0301", "ß", "İ", "ǅ",
        "🌉", "🚗🚗", "👷‍♀️", "🇬🇧", "#️⃣", "\uD83D", "\uDE97", "\uDC00a", "\0", "\u0007", "\u001B[31m", "\u007F", "\u0085",
        "Pneumonoultramicroscopicsilicovolcanoconiosisandsomemorelettersbeyondsixtyfourcharacterslong",
    ];

    private static readonly string[] EdgeCases =
    [
        "", " ", ".", "\n", "\r\n\r\n", "U.S.", "U.S. The", "a.b.c.", "...", "\uD800", "\uDC00", "\uDBFF\uDFFF", "1,", ",1", "'", "n't",
        "Mr. J. Smith.", "\"Quoted.\" Then.", "!!!???...", new string('.', 5000), new string('a', 5000), new string('1', 300),
        string.Concat(Enumerable.Repeat("A. ", 2000)), string.Concat(Enumerable.Repeat("1,", 2000)),
    ];

    /// <summary>The edge cases, then <paramref name="count"/> random strings (short mostly, some long).</summary>
    private static IEnumerable<(int Seed, string Text)> Strings(int count, int salt)
    {
        for (int i = 0; i < EdgeCases.Length; i++)
        {
            yield return (-1 - i, EdgeCases[i]);
        }
        for (int i = 0; i < count; i++)
        {
            int seed = BaseSeed + salt * 1_000_003 + i;
            yield return (seed, Generate(seed));
        }
    }

    internal static string Generate(int seed)
    {
        var random = new Random(seed);
        int pieces = random.Next(10) == 0 ? random.Next(200, 1500) : random.Next(0, 40);
        var text = new StringBuilder();
        for (int p = 0; p < pieces; p++)
        {
            switch (random.Next(10))
            {
                case 0:
                    text.Append((char)random.Next(0, 0x10000)); // any UTF-16 code unit, surrogates and controls included
                    break;
                case 1:
                    text.Append((char)random.Next(0x20, 0x7F));
                    break;
                default:
                    text.Append(Fragments[random.Next(Fragments.Length)]);
                    break;
            }
        }
        return text.ToString();
    }

    private static string Show(int seed, string text)
    {
        string shown = text.Length > 300 ? text[..300] + $"... ({text.Length} chars)" : text;
        var escaped = new StringBuilder();
        foreach (char c in shown)
        {
            escaped.Append(c is < ' ' or >= '\uD800' and <= '\uDFFF' ? $"\\u{(int)c:X4}" : c.ToString());
        }
        return $"case seed {seed}: \"{escaped}\"";
    }

    [Test]
    public void TokensAreOrderedNonOverlappingWordsOfTheText()
    {
        int tokens = 0;
        foreach (var (seed, text) in Strings(3000, 1))
        {
            List<Token> result = null!;
            Assert.That(() => result = WordTokenizer.Tokenize(text), Throws.Nothing, Show(seed, text));
            int previousEnd = 0;
            foreach (Token token in result)
            {
                if (token.Length <= 0 || token.Start < previousEnd || token.Start + token.Length > text.Length || !char.IsLetterOrDigit(text[token.Start]))
                {
                    Assert.Fail($"token {token.Start}+{token.Length} out of order, overlapping, outside the text or not starting a word; {Show(seed, text)}");
                }
                if (token.IsNumber && !double.IsFinite(token.Value))
                {
                    Assert.Fail($"number token with value {token.Value}; {Show(seed, text)}");
                }
                previousEnd = token.Start + token.Length;
                tokens++;
            }
        }
        Assert.That(tokens, Is.GreaterThan(10_000), "the generator produces words");
    }

    [Test]
    public void SentencesAreOrderedNonOverlappingAndCoverAllTheText()
    {
        int multiSentence = 0;
        foreach (var (seed, text) in Strings(3000, 2))
        {
            List<TextSpan> spans = null!;
            Assert.That(() => spans = SentenceSplitter.Split(text), Throws.Nothing, Show(seed, text));
            var covered = new bool[text.Length];
            int previousEnd = 0;
            foreach (TextSpan span in spans)
            {
                if (span.Length <= 0 || span.Start < previousEnd || span.End > text.Length)
                {
                    Assert.Fail($"sentence {span.Start}+{span.Length} empty, out of order, overlapping or outside the text; {Show(seed, text)}");
                }
                if (char.IsWhiteSpace(text[span.Start]) || char.IsWhiteSpace(text[span.End - 1]))
                {
                    Assert.Fail($"sentence {span.Start}+{span.Length} starts or ends with white space; {Show(seed, text)}");
                }
                Array.Fill(covered, true, span.Start, span.Length);
                previousEnd = span.End;
            }
            for (int i = 0; i < text.Length; i++)
            {
                if (!covered[i] && !char.IsWhiteSpace(text[i]))
                {
                    Assert.Fail($"character {i} ('{text[i]}', U+{(int)text[i]:X4}) is in no sentence; {Show(seed, text)}");
                }
            }
            // CheckText's sentences are these spans
            Assert.That(ClaimChecker.SplitSentences(text), Is.EqualTo(spans.Select(s => text.Substring(s.Start, s.Length))), Show(seed, text));
            multiSentence += spans.Count > 1 ? 1 : 0;
        }
        Assert.That(multiSentence, Is.GreaterThan(500), "the generator produces texts of several sentences");
    }

    [Test]
    public void FeaturesAreFiniteAndProbabilitiesSumToOne()
    {
        var features = new float[FeatureSet.Count];
        int related = 0;
        List<(int Seed, string Text)> strings = Strings(1500, 3).ToList();
        for (int i = 0; i + 1 < strings.Count; i += 2)
        {
            var (claimSeed, claimText) = strings[i];
            var (sourceSeed, sourceText) = strings[i + 1];
            // half the pairs share text, so that alignment, cues and coverage features are exercised too
            if (i % 4 == 0)
            {
                sourceText += " " + claimText;
            }
            string where = $"claim {Show(claimSeed, claimText)}; source {Show(sourceSeed, sourceText)}";
            IndexedClaim claim = null!;
            IndexedSource source = null!;
            Alignment alignment = default;
            Assert.That(() =>
            {
                claim = IndexedClaim.Create(claimText, Model.Weights);
                source = IndexedSource.Create("s", sourceText, Model.Weights);
                alignment = StanceFeaturizer.Featurize(claim, source, features);
            }, Throws.Nothing, where);

            for (int f = 0; f < features.Length; f++)
            {
                if (!float.IsFinite(features[f]))
                {
                    Assert.Fail($"feature {FeatureSet.Names[f]} = {features[f]}; {where}");
                }
            }
            foreach (int s in new[] { alignment.Best, alignment.Second, alignment.Third, alignment.Fourth, alignment.Fifth })
            {
                Assert.That(s, Is.InRange(-1, source.Sentences.Length - 1), where);
            }
            StanceProbabilities p = Model.Predict(features);
            float[] all = [p.Supports, p.Refutes, p.Discusses, p.Unrelated];
            if (!all.All(x => float.IsFinite(x) && x is >= 0 and <= 1) || Math.Abs(all.Sum() - 1) > 1e-5f)
            {
                Assert.Fail($"probabilities {p} (sum {all.Sum().ToString(CultureInfo.InvariantCulture)}); {where}");
            }
            related += alignment.Best >= 0 ? 1 : 0;
        }
        Assert.That(related, Is.GreaterThan(200), "many pairs align, so the sentence features are exercised");
    }

    [Test]
    public void CheckNeverThrowsAndItsVerdictFollowsTheRule()
    {
        ClaimChecker checker = ClaimChecker.CreateDefault().WithLimits(new ClaimCheckerLimits { MaxClaimLength = 1_000_000 }); // some generated strings are long
        List<string> texts = Strings(300, 4).Select(s => s.Text).ToList();
        SourceSet sources = checker.Index(texts.Take(12).Select((t, i) => new Source($"s{i}", t)).Append(new Source("sample", File.ReadAllText(Path.Combine(RepoPaths.SampleSources, "alder-gazette.txt")))));
        IReadOnlyList<string> sourceTexts = texts.Take(12).Append(File.ReadAllText(Path.Combine(RepoPaths.SampleSources, "alder-gazette.txt"))).ToList();
        IReadOnlyList<ClaimResult> results = null!;
        Assert.That(() => results = checker.CheckAll(texts, sources), Throws.Nothing);
        BadInputTests.AssertWellFormed(results, sourceTexts);
        Assert.That(() => checker.CheckText(string.Join(" ", texts.Take(50)), sources), Throws.Nothing);
    }

    [Test]
    public void TheGeneratorIsSeeded()
    {
        string first = Generate(BaseSeed);
        Assert.That(Generate(BaseSeed), Is.EqualTo(first));
        Assert.That(Enumerable.Range(0, 50).Select(i => Generate(BaseSeed + i)).Distinct().Count(), Is.GreaterThan(45));
    }
}
