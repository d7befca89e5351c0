
namespace ClaimMl.Indexing;

/// <summary>
/// Inverse document frequencies of stems, learned from the training corpus and stored in the
/// model, so that rare, topical words weigh more than common ones when a claim is matched.
/// </summary>
internal sealed class TermWeights
{
    private readonly Dictionary<ulong, float> _idf;

    public TermWeights(Dictionary<ulong, float> idf, int documentCount)
    {
        _idf = idf;
        DocumentCount = documentCount;
        UnseenWeight = MathF.Log((documentCount + 1f) / 1f) + 1f;
    }

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
        return new TermWeights(idf, documents);
    }
}
