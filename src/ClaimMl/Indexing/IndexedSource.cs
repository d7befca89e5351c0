using ClaimMl.Text;

namespace ClaimMl.Indexing;

/// <summary>A sentence of an indexed source: its characters, its tokens and its cue counts.</summary>
internal readonly record struct IndexedSentence(TextSpan Span, int FirstToken, int TokenCount, float Norm, int Negations, int RefutingCues, int HedgingCues, int Numbers);

/// <summary>Where a stem occurs in a source: its total count and a slice of the posting arrays.</summary>
internal readonly record struct StemPostings(int Count, int Offset, int Length);

/// <summary>
/// A source text indexed once for many claims: tokens, sentences, per-stem postings (which
/// sentences hold a stem, how often), TF-IDF norms and content bigrams. Immutable after
/// construction and safe to share between threads.
/// </summary>
internal sealed class IndexedSource
{
    private readonly Dictionary<ulong, StemPostings> _postings;
    private readonly int[] _postingSentence;
    private readonly int[] _postingCount;
    private readonly HashSet<ulong> _bigrams;
    private readonly HashSet<ulong> _numbers;
    private readonly string?[] _sentenceTexts;

    private IndexedSource(string name, string text, Token[] tokens, IndexedSentence[] sentences, Dictionary<ulong, StemPostings> postings,
        int[] postingSentence, int[] postingCount, HashSet<ulong> bigrams, HashSet<ulong> numbers, float norm,
        int contentTokens, int negations, int refutingCues, int hedgingCues)
    {
        Name = name;
        Text = text;
        Tokens = tokens;
        Sentences = sentences;
        _sentenceTexts = new string?[sentences.Length];
        _postings = postings;
        _postingSentence = postingSentence;
        _postingCount = postingCount;
        _bigrams = bigrams;
        _numbers = numbers;
        Norm = norm;
        ContentTokenCount = contentTokens;
        Negations = negations;
        RefutingCues = refutingCues;
        HedgingCues = hedgingCues;
    }

    public string Name { get; }
    public string Text { get; }
    public Token[] Tokens { get; }
    public IndexedSentence[] Sentences { get; }

    /// <summary>Euclidean norm of the source's TF-IDF vector over content stems.</summary>
    public float Norm { get; }
    public int ContentTokenCount { get; }
    public int DistinctStemCount => _postings.Count;
    public int NumberCount => _numbers.Count;
    public int Negations { get; }
    public int RefutingCues { get; }
    public int HedgingCues { get; }

    public bool TryGetPostings(ulong stem, out StemPostings postings) => _postings.TryGetValue(stem, out postings);
    public ReadOnlySpan<int> PostingSentences(StemPostings postings) => _postingSentence.AsSpan(postings.Offset, postings.Length);
    public ReadOnlySpan<int> PostingCounts(StemPostings postings) => _postingCount.AsSpan(postings.Offset, postings.Length);
    public bool HasBigram(ulong bigram) => _bigrams.Contains(bigram);
    public bool HasNumber(ulong number) => _numbers.Contains(number);
    public ReadOnlySpan<Token> SentenceTokens(int sentence) => Tokens.AsSpan(Sentences[sentence].FirstToken, Sentences[sentence].TokenCount);

    /// <summary>
    /// The text of a sentence (a check's evidence), cut from the source the first time it is asked
    /// for and kept, so that checking claim after claim against the source allocates it once.
    /// </summary>
    public string SentenceText(int sentence)
    {
        TextSpan span = Sentences[sentence].Span;
        string? text = Volatile.Read(ref _sentenceTexts[sentence]);
        if (text is null)
        {
            // Racing threads cut equal strings; whichever is stored first is kept.
            text = Interlocked.CompareExchange(ref _sentenceTexts[sentence], Text.Substring(span.Start, span.Length), null)
                ?? _sentenceTexts[sentence]!;
        }
        return text;
    }

    /// <summary>Indexes <paramref name="text"/> with the given corpus weights.</summary>
    public static IndexedSource Create(string name, string text, TermWeights weights)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(text);

        List<TextSpan> spans = SentenceSplitter.Split(text);
        var tokens = new List<Token>(text.Length / 5);
        var sentences = new IndexedSentence[spans.Count];
        var perStem = new Dictionary<ulong, List<(int Sentence, int Count)>>();
        var sentenceCounts = new Dictionary<ulong, int>();
        var bigrams = new HashSet<ulong>();
        var numbers = new HashSet<ulong>();
        int contentTokens = 0, negations = 0, refuting = 0, hedging = 0;

        for (int s = 0; s < spans.Count; s++)
        {
            TextSpan span = spans[s];
            int first = tokens.Count;
            WordTokenizer.Tokenize(text.AsSpan(span.Start, span.Length), span.Start, tokens);
            int sNeg = 0, sRef = 0, sHedge = 0, sNum = 0;
            ulong previousContent = 0;
            sentenceCounts.Clear();
            for (int t = first; t < tokens.Count; t++)
            {
                Token token = tokens[t];
                if ((token.Flags & TokenFlags.Negation) != 0) sNeg++;
                if ((token.Flags & TokenFlags.RefutingCue) != 0) sRef++;
                if ((token.Flags & TokenFlags.HedgingCue) != 0) sHedge++;
                if (token.IsNumber)
                {
                    sNum++;
                    numbers.Add(token.Term);
                }
                if (!token.IsContent)
                {
                    continue;
                }
                contentTokens++;
                sentenceCounts[token.Stem] = sentenceCounts.GetValueOrDefault(token.Stem) + 1;
                if (previousContent != 0)
                {
                    bigrams.Add(TermHash.Combine(previousContent, token.Stem));
                }
                previousContent = token.Stem;
            }

            double sentenceNorm = 0;
            foreach ((ulong stem, int count) in sentenceCounts)
            {
                if (!perStem.TryGetValue(stem, out var list))
                {
                    list = new List<(int, int)>(2);
                    perStem[stem] = list;
                }
                list.Add((s, count));
                double w = count * weights.Weight(stem);
                sentenceNorm += w * w;
            }
            negations += sNeg;
            refuting += sRef;
            hedging += sHedge;
            sentences[s] = new IndexedSentence(span, first, tokens.Count - first, (float)Math.Sqrt(sentenceNorm), sNeg, sRef, sHedge, sNum);
        }

        int totalPostings = 0;
        foreach (var list in perStem.Values)
        {
            totalPostings += list.Count;
        }
        var postingSentence = new int[totalPostings];
        var postingCount = new int[totalPostings];
        var postings = new Dictionary<ulong, StemPostings>(perStem.Count);
        int offset = 0;
        double norm = 0;
        foreach ((ulong stem, var list) in perStem)
        {
            int total = 0;
            for (int i = 0; i < list.Count; i++)
            {
                postingSentence[offset + i] = list[i].Sentence;
                postingCount[offset + i] = list[i].Count;
                total += list[i].Count;
            }
            postings[stem] = new StemPostings(total, offset, list.Count);
            offset += list.Count;
            double w = total * weights.Weight(stem);
            norm += w * w;
        }

        return new IndexedSource(name, text, tokens.ToArray(), sentences, postings, postingSentence, postingCount, bigrams, numbers,
            (float)Math.Sqrt(norm), contentTokens, negations, refuting, hedging);
    }
}
