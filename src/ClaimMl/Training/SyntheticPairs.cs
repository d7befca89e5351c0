using System.Globalization;
using System.Text;
using ClaimMl.Indexing;
using ClaimMl.Text;

namespace ClaimMl.Training;

/// <summary>
/// Sentence-level training pairs made from the training articles themselves, so that "supports"
/// means "the source states the claim" rather than "the source is on the claim's topic" (FNC-1's
/// agree is a headline-level judgement). From a sentence of an article:
/// <list type="bullet">
/// <item>the sentence itself, checked against its own article: <b>supports</b>;</item>
/// <item>the sentence with a negation added or removed, a word swapped for its opposite, or a number
/// changed ("3,000" → "12,000"): <b>refutes</b> (the article states otherwise);</item>
/// <item>the sentence with a name swapped for another name of the article, or a sentence of another
/// article on the same story that this one does not state: <b>discusses</b> (on topic, not stated);</item>
/// <item>a sentence of an article on another story: <b>unrelated</b>.</item>
/// </list>
/// Only the training split's articles are used; the same seed gives the same pairs.
/// </summary>
internal static class SyntheticPairs
{
    /// <summary>The name of the generated set (and of its part when added to a training set).</summary>
    public const string PartName = "synthetic sentences";

    private static readonly string[] Auxiliaries = ["is", "was", "are", "were", "has", "have", "had", "will", "would", "can", "could", "did", "does", "should", "must"];

    public static LabeledPairSet Generate(LabeledPairSet articles, int seed, int sentencesPerArticle = 2)
    {
        var random = new Random(seed);
        var (weights, topics, sentences) = Prepare(articles);

        var claims = new List<LabeledPair>();
        for (int source = 0; source < articles.Sources.Count; source++)
        {
            List<string> own = sentences[source];
            if (own.Count == 0)
            {
                continue;
            }
            IndexedSource indexed = IndexedSource.Create(string.Empty, articles.Sources[source], weights);
            string[] names = NamesOf(articles.Sources[source]);
            for (int k = 0; k < sentencesPerArticle; k++)
            {
                string sentence = own[random.Next(own.Count)];
                claims.Add(new LabeledPair(sentence, source, Stance.Supports));

                string? refuted = (random.Next(3)) switch
                {
                    0 => FlipNegation(sentence),
                    1 => ChangeNumber(sentence, random) ?? FlipNegation(sentence),
                    _ => SwapAntonym(sentence) ?? FlipNegation(sentence),
                };
                if (refuted is not null)
                {
                    claims.Add(new LabeledPair(refuted, source, Stance.Refutes));
                }

                string? unstated = SwapName(sentence, names, random);
                if (unstated is not null)
                {
                    claims.Add(new LabeledPair(unstated, source, Stance.Discusses));
                }
            }

            // A sentence of another article on the same story, that this article does not state.
            if (topics.TryGetValue(source, out List<int>? related) && related.Count > 0)
            {
                int other = related[random.Next(related.Count)];
                if (sentences[other].Count > 0)
                {
                    string sentence = sentences[other][random.Next(sentences[other].Count)];
                    if (BestOverlap(sentence, indexed, weights) < 0.5f)
                    {
                        claims.Add(new LabeledPair(sentence, source, Stance.Discusses));
                    }
                }
            }

            // A sentence of an article on another story.
            int stranger = random.Next(articles.Sources.Count);
            if (stranger != source && sentences[stranger].Count > 0 && !(related?.Contains(stranger) ?? false))
            {
                claims.Add(new LabeledPair(sentences[stranger][random.Next(sentences[stranger].Count)], source, Stance.Unrelated));
            }
        }
        return new LabeledPairSet(PartName, articles.Sources, claims);
    }

    /// <summary>The name of the set of <see cref="GenerateMixtures"/> (and of its part in a training set).</summary>
    public const string MixturePartName = "synthetic mixtures";

    /// <summary>
    /// Sources that join an article that denies or negates things to an article of another story,
    /// with claims from the second: a sentence of it (supports) and that sentence negated (refutes).
    /// They teach that a source's denials elsewhere do not refute what it states, as in a long
    /// article or a page of several reports, and that a contradiction has to be about the claim.
    /// </summary>
    public static LabeledPairSet GenerateMixtures(LabeledPairSet articles, int seed, int perArticle)
    {
        ArgumentNullException.ThrowIfNull(articles);
        var random = new Random(unchecked(seed * 7919 + 17));
        var (weights, topics, sentences) = Prepare(articles);
        var sources = new List<string>();
        var pairs = new List<LabeledPair>();
        for (int a = 0; a < articles.Sources.Count; a++)
        {
            IndexedSource denying = IndexedSource.Create(string.Empty, articles.Sources[a], weights);
            if (denying.Sentences.Length == 0 || (denying.Denials == 0 && denying.Negations < 2))
            {
                continue;
            }
            for (int k = 0; k < perArticle; k++)
            {
                int b = random.Next(articles.Sources.Count);
                if (b == a || sentences[b].Count == 0 || (topics.TryGetValue(a, out List<int>? related) && related.Contains(b)))
                {
                    continue;
                }
                int id = sources.Count;
                sources.Add(random.Next(2) == 0 ? articles.Sources[a] + "\n\n" + articles.Sources[b] : articles.Sources[b] + "\n\n" + articles.Sources[a]);
                string sentence = sentences[b][random.Next(sentences[b].Count)];
                pairs.Add(new LabeledPair(sentence, id, Stance.Supports));
                if (FlipNegation(sentence) is { } negated)
                {
                    pairs.Add(new LabeledPair(negated, id, Stance.Refutes));
                }
            }
        }
        return new LabeledPairSet(MixturePartName, sources, pairs);
    }

    /// <summary>What both generators read from the articles: term weights, each article's story mates, each article's candidate sentences.</summary>
    private static (TermWeights Weights, Dictionary<int, List<int>> Topics, List<string>[] Sentences) Prepare(LabeledPairSet articles)
    {
        var sentences = new List<string>[articles.Sources.Count];
        for (int i = 0; i < sentences.Length; i++)
        {
            sentences[i] = CandidateSentences(articles.Sources[i]);
        }
        return (StanceTrainer.LearnWeights(articles), TopicsOf(articles), sentences);
    }

    /// <summary>Articles on the same story: those related (not unrelated) to a common claim.</summary>
    private static Dictionary<int, List<int>> TopicsOf(LabeledPairSet articles)
    {
        var byClaim = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        foreach (LabeledPair pair in articles.Pairs)
        {
            if (pair.Stance == Stance.Unrelated)
            {
                continue;
            }
            if (!byClaim.TryGetValue(pair.Claim, out List<int>? list))
            {
                byClaim[pair.Claim] = list = [];
            }
            if (!list.Contains(pair.Source))
            {
                list.Add(pair.Source);
            }
        }
        var topics = new Dictionary<int, List<int>>();
        foreach (List<int> group in byClaim.Values)
        {
            foreach (int a in group)
            {
                if (!topics.TryGetValue(a, out List<int>? list))
                {
                    topics[a] = list = [];
                }
                foreach (int b in group)
                {
                    if (b != a && !list.Contains(b))
                    {
                        list.Add(b);
                    }
                }
            }
        }
        return topics;
    }

    /// <summary>Sentences of 8 to 40 words that read like a statement (no question, no quote fragment).</summary>
    private static List<string> CandidateSentences(string text)
    {
        var result = new List<string>();
        foreach (TextSpan span in SentenceSplitter.Split(text))
        {
            string sentence = text.Substring(span.Start, span.Length);
            int words = WordTokenizer.Tokenize(sentence).Count;
            if (words is >= 8 and <= 40 && !sentence.EndsWith('?') && sentence.Count(c => c == '"') % 2 == 0)
            {
                result.Add(sentence);
            }
        }
        return result;
    }

    /// <summary>The names of a text: capitalized content words of more than two letters past each sentence's first word, distinct, in ordinal order.</summary>
    internal static string[] NamesOf(string text)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (TextSpan span in SentenceSplitter.Split(text))
        {
            List<Token> tokens = WordTokenizer.Tokenize(text.Substring(span.Start, span.Length));
            for (int i = 1; i < tokens.Count; i++)
            {
                if ((tokens[i].Flags & TokenFlags.Capitalized) != 0 && tokens[i].IsContent && tokens[i].Length > 2)
                {
                    names.Add(text.Substring(span.Start + tokens[i].Start, tokens[i].Length));
                }
            }
        }
        return [.. names.Order(StringComparer.Ordinal)];
    }

    private static float BestOverlap(string sentence, IndexedSource source, TermWeights weights)
    {
        Span<float> features = stackalloc float[Features.FeatureSet.Count];
        Features.StanceFeaturizer.Featurize(IndexedClaim.Create(sentence, weights), source, features);
        return features[Features.FeatureSet.BestSentenceOverlap];
    }

    /// <summary>Adds "not" after the first auxiliary verb, or removes the sentence's negation.</summary>
    internal static string? FlipNegation(string sentence)
    {
        List<Token> tokens = WordTokenizer.Tokenize(sentence);
        foreach (Token token in tokens)
        {
            string word = sentence.Substring(token.Start, token.Length);
            if (word.Equals("not", StringComparison.OrdinalIgnoreCase) || word.Equals("never", StringComparison.OrdinalIgnoreCase))
            {
                int end = token.Start + token.Length;
                return sentence[..token.Start].TrimEnd() + sentence[end..];
            }
            if (word.EndsWith("n't", StringComparison.OrdinalIgnoreCase) && word.Length > 3)
            {
                string positive = word.Equals("won't", StringComparison.OrdinalIgnoreCase) ? "will"
                    : word.Equals("can't", StringComparison.OrdinalIgnoreCase) ? "can" : word[..^3];
                return sentence[..token.Start] + positive + sentence[(token.Start + token.Length)..];
            }
        }
        for (int i = 0; i < tokens.Count - 1; i++)
        {
            string word = sentence.Substring(tokens[i].Start, tokens[i].Length);
            if (Array.IndexOf(Auxiliaries, word.ToLowerInvariant()) >= 0)
            {
                int end = tokens[i].Start + tokens[i].Length;
                return sentence[..end] + " not" + sentence[end..];
            }
        }
        return null;
    }

    /// <summary>Replaces the first number with a clearly different one, in the same style.</summary>
    internal static string? ChangeNumber(string sentence, Random random)
    {
        foreach (Token token in WordTokenizer.Tokenize(sentence))
        {
            if (!token.IsNumber || token.Value <= 0 || token.Value is >= 1900 and <= 2100)
            {
                continue; // years are left alone: a changed year is often still true of the story
            }
            double factor = random.Next(2) == 0 ? random.Next(2, 6) : 1.0 / random.Next(2, 6);
            double value = Math.Round(token.Value * factor);
            if (value == token.Value || value <= 0)
            {
                value = token.Value + random.Next(1, 10);
            }
            string surface = sentence.Substring(token.Start, token.Length);
            string replacement = surface.Contains(',', StringComparison.Ordinal)
                ? value.ToString("N0", CultureInfo.InvariantCulture)
                : value.ToString("0", CultureInfo.InvariantCulture);
            return sentence[..token.Start] + replacement + sentence[(token.Start + token.Length)..];
        }
        return null;
    }

    /// <summary>
    /// Replaces the first number (not a year, not the tail of a hyphenated name such as "COVID-19") with a close one in
    /// the same style: two adjacent different digits swapped ("31" → "13", "24.60" → "26.40", "340" → "430") or the
    /// figure moved by 10–40% at its own precision ("13" → "16", "3,000" → "4,000", "8.5" → "6.9"); null when there is
    /// none. A writer who misstates a figure mostly does this, not the ×2–5 of <see cref="ChangeNumber"/>.
    /// </summary>
    internal static string? NudgeNumber(string sentence, Random random)
    {
        foreach (Token token in WordTokenizer.Tokenize(sentence))
        {
            if (!IsNudgeable(sentence, token))
            {
                continue;
            }
            string surface = sentence.Substring(token.Start, token.Length);
            string replacement = random.Next(2) == 0
                ? SwapDigits(surface, random) ?? MoveFigure(surface, token.Value, random)
                : MoveFigure(surface, token.Value, random);
            return replacement == surface ? null : sentence[..token.Start] + replacement + sentence[(token.Start + token.Length)..];
        }
        return null;
    }

    /// <summary>
    /// Whether <see cref="NudgeNumber"/> may change <paramref name="token"/> of <paramref name="sentence"/>: a positive
    /// number, not a year (a changed year is often still true of the story), not the tail of a hyphenated name.
    /// </summary>
    internal static bool IsNudgeable(string sentence, Token token) =>
        token.IsNumber && token.Value > 0 && token.Value is not (>= 1900 and <= 2100) && !(token.Start > 0 && sentence[token.Start - 1] == '-');

    /// <summary>The figure with two adjacent different digits swapped, never to a leading zero; null when all its digits are alike.</summary>
    private static string? SwapDigits(string surface, Random random)
    {
        var digits = new List<int>(surface.Length);
        for (int i = 0; i < surface.Length; i++)
        {
            if (char.IsDigit(surface[i]))
            {
                digits.Add(i);
            }
        }
        var swaps = new List<int>(digits.Count);
        for (int k = 0; k + 1 < digits.Count; k++)
        {
            if (surface[digits[k]] != surface[digits[k + 1]] && !(k == 0 && surface[digits[1]] == '0'))
            {
                swaps.Add(k);
            }
        }
        if (swaps.Count == 0)
        {
            return null;
        }
        int at = swaps[random.Next(swaps.Count)];
        char[] chars = surface.ToCharArray();
        (chars[digits[at]], chars[digits[at + 1]]) = (chars[digits[at + 1]], chars[digits[at]]);
        return new string(chars);
    }

    /// <summary>
    /// The figure moved up or down by 10–40%, rounded to its own precision (its decimals; for a whole number, the place
    /// of its last non-zero digit) and written in its style (thousands separators, decimals); at least one step away.
    /// </summary>
    private static string MoveFigure(string surface, double value, Random random)
    {
        int dot = surface.IndexOf('.', StringComparison.Ordinal);
        int decimals = dot >= 0 ? surface.Length - dot - 1 : 0;
        double step = Math.Pow(10, -decimals);
        if (decimals == 0)
        {
            string digits = surface.Replace(",", string.Empty, StringComparison.Ordinal);
            int zeros = digits.Length - digits.TrimEnd('0').Length;
            step = Math.Pow(10, Math.Min(zeros, digits.Length - 1));
            if (zeros > 0 && digits.Length - zeros == 1)
            {
                step /= 10; // "300" moves to "380", not only to "200" or "400"
            }
        }
        double fraction = 0.1 + (0.3 * random.NextDouble());
        bool up = random.Next(2) == 0;
        double moved = Math.Round(value * (up ? 1 + fraction : 1 - fraction) / step) * step;
        if (Math.Abs(moved - value) < step / 2 || moved <= 0)
        {
            moved = up || value - step <= 0 ? value + step : value - step;
        }
        string format = (surface.Contains(',', StringComparison.Ordinal) ? "#,0" : "0") + (decimals > 0 ? "." + new string('0', decimals) : string.Empty);
        return moved.ToString(format, CultureInfo.InvariantCulture);
    }

    /// <summary>The day names <see cref="ChangeDay"/> changes, one kind per row.</summary>
    private static readonly string[][] DayNames =
    [
        ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
        // "May" and "March" are left out: as a verb they are too often not a month.
        ["January", "February", "April", "June", "July", "August", "September", "October", "November", "December"],
    ];

    /// <summary>Replaces the first day of the week or month name (not "May" or "March") with another of its kind; null when there is none.</summary>
    internal static string? ChangeDay(string sentence, Random random)
    {
        foreach (Token token in WordTokenizer.Tokenize(sentence))
        {
            if ((token.Flags & TokenFlags.Capitalized) == 0)
            {
                continue;
            }
            if (FindDayName(sentence.Substring(token.Start, token.Length)) is ({ } kind, int at))
            {
                string other = kind[(at + random.Next(1, kind.Length)) % kind.Length];
                return sentence[..token.Start] + other + sentence[(token.Start + token.Length)..];
            }
        }
        return null;
    }

    /// <summary>Whether <paramref name="word"/> is a day name <see cref="ChangeDay"/> changes.</summary>
    internal static bool IsDayName(string word) => FindDayName(word) is not null;

    /// <summary>The kind (<see cref="DayNames"/> row) holding <paramref name="word"/> and its place in it; null for another word.</summary>
    private static (string[] Kind, int At)? FindDayName(string word)
    {
        foreach (string[] kind in DayNames)
        {
            int at = Array.IndexOf(kind, word);
            if (at >= 0)
            {
                return (kind, at);
            }
        }
        return null;
    }

    /// <summary>Replaces the first word that has a listed opposite with that opposite.</summary>
    internal static string? SwapAntonym(string sentence)
    {
        foreach (Token token in WordTokenizer.Tokenize(sentence))
        {
            if (!token.IsContent)
            {
                continue; // "up", "over", "before" are too often idiom rather than meaning
            }
            string word = sentence.Substring(token.Start, token.Length);
            string? opposite = Antonyms.OppositeWord(word.ToLowerInvariant());
            if (opposite is not null)
            {
                if (char.IsUpper(word[0]))
                {
                    opposite = char.ToUpperInvariant(opposite[0]) + opposite[1..];
                }
                return sentence[..token.Start] + opposite + sentence[(token.Start + token.Length)..];
            }
        }
        return null;
    }

    /// <summary>Replaces a name (a capitalized word past the first) with another name of the article.</summary>
    internal static string? SwapName(string sentence, string[] names, Random random)
    {
        List<Token> tokens = WordTokenizer.Tokenize(sentence);
        for (int i = 1; i < tokens.Count; i++)
        {
            if ((tokens[i].Flags & TokenFlags.Capitalized) == 0 || !tokens[i].IsContent || tokens[i].Length <= 2)
            {
                continue;
            }
            string word = sentence.Substring(tokens[i].Start, tokens[i].Length);
            var others = names.Where(n => !sentence.Contains(n, StringComparison.Ordinal)).ToArray();
            if (others.Length == 0)
            {
                return null;
            }
            string other = others[random.Next(others.Length)];
            var builder = new StringBuilder(sentence.Length + other.Length);
            builder.Append(sentence, 0, tokens[i].Start).Append(other).Append(sentence, tokens[i].Start + word.Length, sentence.Length - tokens[i].Start - word.Length);
            return builder.ToString();
        }
        return null;
    }
}
