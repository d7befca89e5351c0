using System.Runtime.InteropServices;
using ClaimMl.Text;

namespace ClaimMl.Indexing;

/// <summary>
/// A claim analysed once per check and matched against every source: its distinct content
/// stems with TF-IDF weights, its content bigrams, numbers and cue counts.
/// </summary>
/// <remarks>
/// <see cref="Create"/> gives an analysis of its own, which never changes and can be shared between
/// threads. A checker instead keeps one per thread and re-analyses each new claim into it with
/// <see cref="Analyze"/>, reusing its buffers, so that checking allocates nothing for the claim.
/// </remarks>
internal sealed class IndexedClaim
{
    private readonly List<Token> _tokens = new(32);
    private readonly List<ulong> _stems = new(32);
    private readonly List<float> _stemWeights = new(32);
    private readonly List<ulong> _bigrams = new(32);
    private readonly List<ulong> _numbers = new(4);

    private IndexedClaim()
    {
    }

    public string Text { get; private set; } = string.Empty;
    public ReadOnlySpan<Token> Tokens => CollectionsMarshal.AsSpan(_tokens);

    /// <summary>Distinct content stems of the claim, in order of first occurrence.</summary>
    public ReadOnlySpan<ulong> Stems => CollectionsMarshal.AsSpan(_stems);

    /// <summary>IDF weight of each stem in <see cref="Stems"/> (TF is almost always 1 in a claim).</summary>
    public ReadOnlySpan<float> StemWeights => CollectionsMarshal.AsSpan(_stemWeights);
    public float TotalWeight { get; private set; }
    public ReadOnlySpan<ulong> Bigrams => CollectionsMarshal.AsSpan(_bigrams);

    /// <summary>Distinct numbers of the claim, as term hashes of their normalised digits.</summary>
    public ReadOnlySpan<ulong> Numbers => CollectionsMarshal.AsSpan(_numbers);
    public float Norm { get; private set; }
    public int Negations { get; private set; }
    public int RefutingCues { get; private set; }
    public int HedgingCues { get; private set; }
    public bool IsQuestion { get; private set; }

    /// <summary>Bit i is set when stem i (of the first 64) is written capitalized past the claim's first word: a name.</summary>
    public ulong CapitalizedMask { get; private set; }

    public int IndexOfStem(ulong stem) => Stems.IndexOf(stem);

    /// <summary>A new, unchanging analysis of <paramref name="text"/>.</summary>
    public static IndexedClaim Create(string text, TermWeights weights)
    {
        var claim = new IndexedClaim();
        claim.Analyze(text, weights);
        return claim;
    }

    /// <summary>An empty analysis whose buffers a checker reuses for claim after claim (see <see cref="Analyze"/>).</summary>
    public static IndexedClaim CreateReusable() => new();

    /// <summary>Empties a reusable analysis (keeping its buffers unless a very long claim grew them), so that it holds on to no claim text.</summary>
    public void Clear()
    {
        if (_tokens.Capacity > 4096)
        {
            _tokens.Clear();
            _tokens.Capacity = 32;
            _stems.Clear();
            _stems.Capacity = 32;
            _stemWeights.Clear();
            _stemWeights.Capacity = 32;
            _bigrams.Clear();
            _bigrams.Capacity = 32;
            _numbers.Clear();
            _numbers.Capacity = 4;
        }
        _tokens.Clear();
        _stems.Clear();
        _stemWeights.Clear();
        _bigrams.Clear();
        _numbers.Clear();
        Text = string.Empty;
    }

    /// <summary>Analyses <paramref name="text"/> into this instance, replacing the previous claim and reusing its buffers.</summary>
    public void Analyze(string text, TermWeights weights)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(weights);
        Clear();
        WordTokenizer.Tokenize(text.AsSpan(), 0, _tokens);

        int negations = 0, refuting = 0, hedging = 0;
        ulong previous = 0;
        ulong capitalized = 0;
        ReadOnlySpan<Token> tokens = Tokens;
        for (int t = 0; t < tokens.Length; t++)
        {
            Token token = tokens[t];
            if ((token.Flags & TokenFlags.Negation) != 0) negations++;
            if ((token.Flags & TokenFlags.RefutingCue) != 0) refuting++;
            if ((token.Flags & TokenFlags.HedgingCue) != 0) hedging++;
            if (token.IsNumber && !Numbers.Contains(token.Term))
            {
                _numbers.Add(token.Term);
            }
            if (!token.IsContent)
            {
                continue;
            }
            int at = Stems.IndexOf(token.Stem);
            if (at < 0)
            {
                at = _stems.Count;
                _stems.Add(token.Stem);
            }
            if (t > 0 && at < 64 && (token.Flags & TokenFlags.Capitalized) != 0)
            {
                capitalized |= 1UL << at;
            }
            if (previous != 0)
            {
                ulong bigram = TermHash.Combine(previous, token.Stem);
                if (!Bigrams.Contains(bigram))
                {
                    _bigrams.Add(bigram);
                }
            }
            previous = token.Stem;
        }

        double norm = 0;
        float total = 0;
        foreach (ulong stem in Stems)
        {
            float weight = weights.Weight(stem);
            _stemWeights.Add(weight);
            norm += weight * weight; // a claim's term frequencies are treated as 1 (float product, double sum)
            total += weight;
        }
        Text = text;
        TotalWeight = total;
        Norm = (float)Math.Sqrt(norm);
        Negations = negations;
        RefutingCues = refuting;
        HedgingCues = hedging;
        IsQuestion = text.AsSpan().TrimEnd().EndsWith("?");
        CapitalizedMask = capitalized;
    }
}
