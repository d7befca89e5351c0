using ClaimMl.Text;

namespace ClaimMl.Indexing;

/// <summary>
/// A claim analysed once per check and matched against every source: its distinct content
/// stems with TF-IDF weights, its content bigrams, numbers and cue counts.
/// </summary>
internal sealed class IndexedClaim
{
    private IndexedClaim(string text, Token[] tokens, ulong[] stems, float[] stemWeights, ulong[] bigrams, ulong[] numbers,
        float norm, int negations, int refutingCues, int hedgingCues, bool isQuestion, ulong capitalizedMask)
    {
        CapitalizedMask = capitalizedMask;
        Text = text;
        Tokens = tokens;
        Stems = stems;
        StemWeights = stemWeights;
        Bigrams = bigrams;
        Numbers = numbers;
        Norm = norm;
        Negations = negations;
        RefutingCues = refutingCues;
        HedgingCues = hedgingCues;
        IsQuestion = isQuestion;
        float total = 0;
        foreach (float w in stemWeights)
        {
            total += w;
        }
        TotalWeight = total;
    }

    public string Text { get; }
    public Token[] Tokens { get; }

    /// <summary>Distinct content stems of the claim.</summary>
    public ulong[] Stems { get; }

    /// <summary>IDF weight of each stem in <see cref="Stems"/> (TF is almost always 1 in a claim).</summary>
    public float[] StemWeights { get; }
    public float TotalWeight { get; }
    public ulong[] Bigrams { get; }

    /// <summary>Distinct numbers of the claim, as term hashes of their normalised digits.</summary>
    public ulong[] Numbers { get; }
    public float Norm { get; }
    public int Negations { get; }
    public int RefutingCues { get; }
    public int HedgingCues { get; }
    public bool IsQuestion { get; }

    /// <summary>Bit i is set when stem i (of the first 64) is written capitalized past the claim's first word: a name.</summary>
    public ulong CapitalizedMask { get; }

    public int IndexOfStem(ulong stem) => Array.IndexOf(Stems, stem);

    public static IndexedClaim Create(string text, TermWeights weights)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = new List<Token>(32);
        WordTokenizer.Tokenize(text.AsSpan(), 0, tokens);

        var stems = new List<ulong>(tokens.Count);
        var stemCounts = new List<int>(tokens.Count);
        var bigrams = new List<ulong>(tokens.Count);
        var numbers = new List<ulong>(4);
        int negations = 0, refuting = 0, hedging = 0;
        ulong previous = 0;
        ulong capitalized = 0;
        bool first = true;
        foreach (Token token in tokens)
        {
            bool isFirst = first;
            first = false;
            if ((token.Flags & TokenFlags.Negation) != 0) negations++;
            if ((token.Flags & TokenFlags.RefutingCue) != 0) refuting++;
            if ((token.Flags & TokenFlags.HedgingCue) != 0) hedging++;
            if (token.IsNumber && !numbers.Contains(token.Term))
            {
                numbers.Add(token.Term);
            }
            if (!token.IsContent)
            {
                continue;
            }
            int at = stems.IndexOf(token.Stem);
            if (at < 0)
            {
                at = stems.Count;
                stems.Add(token.Stem);
                stemCounts.Add(1);
            }
            else
            {
                stemCounts[at]++;
            }
            if (!isFirst && at < 64 && (token.Flags & TokenFlags.Capitalized) != 0)
            {
                capitalized |= 1UL << at;
            }
            if (previous != 0)
            {
                ulong bigram = TermHash.Combine(previous, token.Stem);
                if (!bigrams.Contains(bigram))
                {
                    bigrams.Add(bigram);
                }
            }
            previous = token.Stem;
        }

        var stemWeights = new float[stems.Count];
        double norm = 0;
        for (int i = 0; i < stems.Count; i++)
        {
            stemWeights[i] = weights.Weight(stems[i]);
            norm += stemWeights[i] * stemWeights[i]; // a claim's term frequencies are treated as 1

        }
        bool question = text.AsSpan().TrimEnd().EndsWith("?");
        return new IndexedClaim(text, tokens.ToArray(), stems.ToArray(), stemWeights, bigrams.ToArray(), numbers.ToArray(),
            (float)Math.Sqrt(norm), negations, refuting, hedging, question, capitalized);
    }
}
