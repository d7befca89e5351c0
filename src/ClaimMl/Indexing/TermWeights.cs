
namespace ClaimMl.Indexing;

/// <summary>
/// What a word says about a source's stance, learned from labeled training sources
/// (<see cref="Training.CueLexicon"/>): <see cref="Refute"/> is the log-odds that a source using it rejects a
/// claim, <see cref="Position"/> that it takes a position (supports or refutes) rather than only reporting.
/// </summary>
internal readonly record struct CueWeights(float Refute, float Position);

/// <summary>
/// Inverse document frequencies of stems, learned from the training corpus and stored in the
/// model, so that rare, topical words weigh more than common ones when a claim is matched.
/// </summary>
internal sealed class TermWeights
{
    private readonly Dictionary<ulong, float> _idf;
    private readonly Dictionary<ulong, CueWeights> _cues;

    public TermWeights(Dictionary<ulong, float> idf, int documentCount, Dictionary<ulong, CueWeights>? cues = null)
    {
        _idf = idf;
        _cues = cues ?? [];
        DocumentCount = documentCount;
        UnseenWeight = MathF.Log((documentCount + 1f) / 1f) + 1f;
    }

    /// <summary>Number of stems with learned cue weights (<see cref="Training.CueLexicon"/>).</summary>
    public int CueCount => _cues.Count;

    /// <summary>The learned cue weights of a stem (zero for a stem the lexicon does not hold).</summary>
    public CueWeights Cues(ulong stem) => _cues.GetValueOrDefault(stem);

    /// <summary>These weights with a learned cue lexicon added.</summary>
    public TermWeights WithCues(Dictionary<ulong, CueWeights> cues) => new(_idf, DocumentCount, cues);

    /// <summary>Number of documents the weights were computed from.</summary>
    public int DocumentCount { get; }

    /// <summary>Weight of a stem that never occurred in the corpus (the rarest possible).</summary>
    public float UnseenWeight { get; }

    public int Count => _idf.Count;

    public float Weight(ulong stem) => _idf.TryGetValue(stem, out float w) ? w : UnseenWeight;

    /// <summary>Computes smoothed IDF, <c>ln((N + 1) / (df + 1)) + 1</c>, over documents given as stem sets.</summary>
    public static TermWeights Learn(IEnumerable<IEnumerable<ulong>> documents)
    {
        var df = new Dictionary<ulong, int>();
        int n = 0;
        var seen = new HashSet<ulong>();
        foreach (IEnumerable<ulong> document in documents)
        {
            n++;
            seen.Clear();
            foreach (ulong stem in document)
            {
                if (seen.Add(stem))
                {
                    df[stem] = df.GetValueOrDefault(stem) + 1;
                }
            }
        }
        var idf = new Dictionary<ulong, float>(df.Count);
        foreach ((ulong stem, int count) in df)
        {
            if (count > 1)
            {
                idf[stem] = MathF.Log((n + 1f) / (count + 1f)) + 1f; // singletons are left to UnseenWeight
            }
        }
        return new TermWeights(idf, n);
    }

    public void Write(Stream stream)
    {
        using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        writer.Write(DocumentCount);
        writer.Write(_idf.Count);
        foreach ((ulong stem, float weight) in _idf.OrderBy(p => p.Key))
        {
            writer.Write(stem);
            writer.Write(weight);
        }
        writer.Write(_cues.Count);
        foreach ((ulong stem, CueWeights cue) in _cues.OrderBy(p => p.Key))
        {
            writer.Write(stem);
            writer.Write(cue.Refute);
            writer.Write(cue.Position);
        }
    }

    public static TermWeights Read(Stream stream)
    {
        using var reader = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        int documents = reader.ReadInt32();
        int count = reader.ReadInt32();
        if (documents < 0 || count < 0 || count > 50_000_000)
        {
            throw new InvalidDataException("The term-weight table is corrupt.");
        }
        var idf = new Dictionary<ulong, float>(count);
        for (int i = 0; i < count; i++)
        {
            idf[reader.ReadUInt64()] = reader.ReadSingle();
        }
        int cueCount = reader.ReadInt32();
        if (cueCount < 0 || cueCount > 50_000_000)
        {
            throw new InvalidDataException("The term-weight table is corrupt.");
        }
        var cues = new Dictionary<ulong, CueWeights>(cueCount);
        for (int i = 0; i < cueCount; i++)
        {
            ulong stem = reader.ReadUInt64();
            float refute = reader.ReadSingle(), position = reader.ReadSingle();
            if (!float.IsFinite(refute) || !float.IsFinite(position))
            {
                throw new InvalidDataException("The term-weight table is corrupt.");
            }
            cues[stem] = new CueWeights(refute, position);
        }
        if (stream.CanSeek && stream.Position != stream.Length)
        {
            throw new InvalidDataException("The term-weight table is corrupt.");
        }
        return new TermWeights(idf, documents, cues);
    }
}
