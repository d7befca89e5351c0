using ClaimMl.Indexing;

namespace ClaimMl;

/// <summary>
/// Sources indexed once by <see cref="ClaimChecker.Index(IEnumerable{Source})"/> (tokens, sentences,
/// term statistics) and reused for every claim checked against them. Immutable and safe to share
/// between threads; only valid with the checker that created it.
/// </summary>
public sealed class SourceSet
{
    internal SourceSet(IndexedSource[] sources, object owner)
    {
        Sources = sources;
        Owner = owner;
    }

    internal IndexedSource[] Sources { get; }

    internal object Owner { get; }

    /// <summary>Number of sources.</summary>
    public int Count => Sources.Length;

    /// <summary>The sources' names, in the order given.</summary>
    public IEnumerable<string> Names => Sources.Select(s => s.Name);
}
