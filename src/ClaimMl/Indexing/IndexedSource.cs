using System.Runtime.InteropServices;
using ClaimMl.Text;

namespace ClaimMl.Indexing;

/// <summary>
/// A sentence of an indexed source: its characters, its tokens and its cue counts; <see cref="Denials"/>
/// counts denial words ("hoax", "debunked") and negated truth words ("not true", "no evidence").
/// </summary>
internal readonly record struct IndexedSentence(TextSpan Span, int FirstToken, int TokenCount, float Norm, int Negations, int RefutingCues, int HedgingCues, int Numbers,
    int Denials);

/// <summary>Where a stem occurs in a source: its total count and a slice of the posting arrays.</summary>
internal readonly record struct StemPostings(int Count, int Offset, int Length);

/// <summary>
/// A source text indexed once for many claims: tokens, sentences, per-stem postings (which
/// sentences hold a stem, how often), TF-IDF norms and content bigrams. Immutable after
/// construction and safe to share between threads.
/// </summary>
internal sealed class IndexedSource
{
    private readonly Dictionary<ulong, int> _stemIds;
    private readonly StemPostings[] _postings;
    private readonly int[] _postingSentence;
    private readonly int[] _postingCount;
    private readonly HashSet<ulong> _bigrams;
    private readonly HashSet<ulong> _numbers;
    private readonly string?[] _sentenceTexts;
    private int[]?[]? _sentencePieces;
    private object? _piecesTokenizer;

    private IndexedSource(string name, string text, Token[] tokens, IndexedSentence[] sentences, Dictionary<ulong, int> stemIds, StemPostings[] postings,
        int[] postingSentence, int[] postingCount, HashSet<ulong> bigrams, HashSet<ulong> numbers, float norm,
        int contentTokens, int negations, int refutingCues, int hedgingCues, int denials, bool hasWords)
    {
        Name = name;
        Text = text;
        Tokens = tokens;
        Sentences = sentences;
        _sentenceTexts = new string?[sentences.Length];
        _stemIds = stemIds;
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
        Denials = denials;
        HasWords = hasWords;
    }

    public string Name { get; }
    public string Text { get; }
    public Token[] Tokens { get; }
    public IndexedSentence[] Sentences { get; }

    /// <summary>Euclidean norm of the source's TF-IDF vector over content stems.</summary>
    public float Norm { get; }
    public int ContentTokenCount { get; }
    public int DistinctStemCount => _postings.Length;
    public int NumberCount => _numbers.Count;
    public int Negations { get; }
    public int RefutingCues { get; }
    public int HedgingCues { get; }

    /// <summary>Whether the source holds a word (a token with a letter), not only numbers and symbols.</summary>
    public bool HasWords { get; }

    /// <summary>Denials in the whole source (<see cref="IndexedSentence.Denials"/>).</summary>
    public int Denials { get; }

    public bool TryGetPostings(ulong stem, out StemPostings postings)
    {
        if (_stemIds.TryGetValue(stem, out int id))
        {
            postings = _postings[id];
            return true;
        }
        postings = default;
        return false;
    }
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

    /// <summary>
    /// The word pieces of a sentence for the entailment judge, computed by <paramref name="pieces"/> the first time
    /// they are asked for and kept (for the first tokenizer that asks; another tokenizer's are not kept), so that a
    /// source read for claim after claim is tokenized once.
    /// </summary>
    public int[] SentencePieces(int sentence, object tokenizer, Func<string, int[]> pieces)
    {
        if (Volatile.Read(ref _piecesTokenizer) is null)
        {
            Interlocked.CompareExchange(ref _sentencePieces, new int[]?[Sentences.Length], null);
            Interlocked.CompareExchange(ref _piecesTokenizer, tokenizer, null);
        }
        if (!ReferenceEquals(_piecesTokenizer, tokenizer))
        {
            return pieces(SentenceText(sentence));
        }
        int[]?[] cache = _sentencePieces!;
        int[]? cached = Volatile.Read(ref cache[sentence]);
        if (cached is null)
        {
            cached = Interlocked.CompareExchange(ref cache[sentence], pieces(SentenceText(sentence)), null) ?? cache[sentence]!;
        }
        return cached;
    }

    /// <summary>Indexes <paramref name="text"/> with the given corpus weights.</summary>
    public static IndexedSource Create(string name, string text, TermWeights weights)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(weights);
        Builder builder = t_builder ??= new Builder();
        try
        {
            return builder.Build(name, text, weights);
        }
        finally
        {
            builder.Reset();
        }
    }

    /// <summary>Each thread's indexing scratch, grown to the largest source it has indexed and reused.</summary>
    [ThreadStatic]
    private static Builder? t_builder;

    /// <summary>
    /// Indexes a source in one pass over its tokens. Every distinct content stem gets a dense id at
    /// its first occurrence; per-sentence counts live in arrays indexed by id (no dictionary per
    /// sentence, no list per stem), and the postings are laid out by a counting sort on the id at
    /// the end. Sums run in the same order as always (stems in order of first occurrence), so norms
    /// and features are bit-for-bit those of any earlier version.
    /// </summary>
    private sealed class Builder
    {
        private const int InitialStems = 256;

        /// <summary>
        /// Scratch grown past this many entries (a source far longer than an article) is let go
        /// after use, so that one huge source does not pin its scratch to the thread for good.
        /// </summary>
        private const int MaxRetained = 1 << 16;

        private readonly List<TextSpan> _spans = new(64);
        private readonly List<Token> _tokens = new(1024);
        private readonly List<int> _sentenceStems = new(64);
        private readonly List<(int Stem, int Sentence, int Count)> _entries = new(1024);
        private float[] _stemWeight = new float[InitialStems];
        private int[] _stemTotal = new int[InitialStems];
        private int[] _stemLastSentence = new int[InitialStems];
        private int[] _stemSentenceCount = new int[InitialStems];
        private int[] _stemEntries = new int[InitialStems];

        public IndexedSource Build(string name, string text, TermWeights weights)
        {
            _tokens.EnsureCapacity(text.Length / 5); // about one token per five characters in English prose
            SentenceSplitter.Split(text, _spans);
            var sentences = new IndexedSentence[_spans.Count];
            var stemIds = new Dictionary<ulong, int>();
            var bigrams = new HashSet<ulong>();
            var numbers = new HashSet<ulong>();
            int contentTokens = 0, negations = 0, refuting = 0, hedging = 0, denials = 0;
            bool hasWords = false;

            for (int s = 0; s < _spans.Count; s++)
            {
                TextSpan span = _spans[s];
                int first = _tokens.Count;
                WordTokenizer.Tokenize(text.AsSpan(span.Start, span.Length), span.Start, _tokens);
                ReadOnlySpan<Token> tokens = CollectionsMarshal.AsSpan(_tokens)[first..];
                int sNeg = 0, sRef = 0, sHedge = 0, sNum = 0, sDenial = 0, sinceNegation = int.MaxValue;
                ulong previousContent = 0;
                _sentenceStems.Clear();
                foreach (Token token in tokens)
                {
                    if ((token.Flags & TokenFlags.Negation) != 0) sNeg++;
                    if ((token.Flags & TokenFlags.RefutingCue) != 0) sRef++;
                    if ((token.Flags & TokenFlags.HedgingCue) != 0) sHedge++;
                    if ((token.Flags & TokenFlags.Denial) != 0 || ((token.Flags & TokenFlags.Truth) != 0 && sinceNegation <= 2)) sDenial++;
                    sinceNegation = (token.Flags & TokenFlags.Negation) != 0 ? 1 : sinceNegation == int.MaxValue ? sinceNegation : sinceNegation + 1;
                    hasWords |= (token.Flags & TokenFlags.Word) != 0;
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
                    ref int id = ref CollectionsMarshal.GetValueRefOrAddDefault(stemIds, token.Stem, out bool seen);
                    if (!seen)
                    {
                        id = stemIds.Count - 1;
                        AddStem(id, weights.Weight(token.Stem));
                    }
                    if (_stemLastSentence[id] != s)
                    {
                        _stemLastSentence[id] = s;
                        _stemSentenceCount[id] = 0;
                        _sentenceStems.Add(id);
                    }
                    _stemSentenceCount[id]++;
                    if (previousContent != 0)
                    {
                        bigrams.Add(TermHash.Combine(previousContent, token.Stem));
                    }
                    previousContent = token.Stem;
                }

                // The sentence's stems in order of first occurrence in it: its postings and TF-IDF norm.
                double sentenceNorm = 0;
                foreach (int id in _sentenceStems)
                {
                    int count = _stemSentenceCount[id];
                    _entries.Add((id, s, count));
                    _stemEntries[id]++;
                    _stemTotal[id] += count;
                    double w = count * _stemWeight[id];
                    sentenceNorm += w * w;
                }
                negations += sNeg;
                refuting += sRef;
                hedging += sHedge;
                denials += sDenial;
                sentences[s] = new IndexedSentence(span, first, tokens.Length, (float)Math.Sqrt(sentenceNorm), sNeg, sRef, sHedge, sNum, sDenial);
            }

            // Postings grouped by stem (ids in order of first occurrence), sentences ascending within a stem.
            int stems = stemIds.Count;
            var postings = new StemPostings[stems];
            var postingSentence = new int[_entries.Count];
            var postingCount = new int[_entries.Count];
            int offset = 0;
            double norm = 0;
            for (int id = 0; id < stems; id++)
            {
                postings[id] = new StemPostings(_stemTotal[id], offset, _stemEntries[id]);
                _stemEntries[id] = offset; // from here on: where the stem's next posting goes
                offset += postings[id].Length;
                double w = _stemTotal[id] * _stemWeight[id];
                norm += w * w;
            }
            foreach ((int id, int sentence, int count) in _entries)
            {
                int at = _stemEntries[id]++;
                postingSentence[at] = sentence;
                postingCount[at] = count;
            }

            return new IndexedSource(name, text, _tokens.ToArray(), sentences, stemIds, postings, postingSentence, postingCount,
                bigrams, numbers, (float)Math.Sqrt(norm), contentTokens, negations, refuting, hedging, denials, hasWords);
        }

        /// <summary>Empties the scratch for the next source, keeping its capacity.</summary>
        public void Reset()
        {
            _spans.Clear();
            _tokens.Clear();
            _sentenceStems.Clear();
            _entries.Clear();
            if (_tokens.Capacity > MaxRetained)
            {
                _tokens.Capacity = 1024;
            }
            if (_entries.Capacity > MaxRetained)
            {
                _entries.Capacity = 1024;
            }
            if (_spans.Capacity > MaxRetained)
            {
                _spans.Capacity = 64;
            }
            if (_sentenceStems.Capacity > MaxRetained)
            {
                _sentenceStems.Capacity = 64;
            }
            if (_stemWeight.Length > MaxRetained)
            {
                _stemWeight = new float[InitialStems];
                _stemTotal = new int[InitialStems];
                _stemLastSentence = new int[InitialStems];
                _stemSentenceCount = new int[InitialStems];
                _stemEntries = new int[InitialStems];
            }
        }

        private void AddStem(int id, float weight)
        {
            if (id == _stemWeight.Length)
            {
                int size = 2 * id;
                Array.Resize(ref _stemWeight, size);
                Array.Resize(ref _stemTotal, size);
                Array.Resize(ref _stemLastSentence, size);
                Array.Resize(ref _stemSentenceCount, size);
                Array.Resize(ref _stemEntries, size);
            }
            _stemWeight[id] = weight;
            _stemTotal[id] = 0;
            _stemLastSentence[id] = -1;
            _stemSentenceCount[id] = 0;
            _stemEntries[id] = 0;
        }
    }
}
