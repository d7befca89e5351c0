using ClaimMl.Features;
using ClaimMl.Indexing;

namespace ClaimMl.Entailment;

/// <summary>A passage of an indexed source: <see cref="SentenceCount"/> sentences from <see cref="FirstSentence"/>.</summary>
internal readonly record struct Passage(int FirstSentence, int SentenceCount);

/// <summary>
/// Chooses the passages of a source that the entailment judge reads for a claim: the sentences the claim
/// aligned to best (<see cref="Alignment"/>, found by the lexical stage), each on its own, best first.
/// The trainer builds its news pairs with the same selection, so the judge is trained on what it reads.
/// </summary>
internal static class PassageSelector
{
    /// <summary>Most passages read per source.</summary>
    public const int MaxPassages = 3;

    /// <summary>
    /// Writes the passages of <paramref name="source"/> to read for a claim with this alignment into
    /// <paramref name="passages"/> (at least <see cref="MaxPassages"/> long) and returns how many there are.
    /// </summary>
    public static int Select(IndexedSource source, Alignment alignment, Span<Passage> passages, int maxPassages = MaxPassages)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxPassages, MaxPassages);
        if (passages.Length < maxPassages)
        {
            throw new ArgumentException($"The passage buffer needs {maxPassages} slots.", nameof(passages));
        }
        int count = 0;
        ReadOnlySpan<int> aligned = [alignment.Best, alignment.Second, alignment.Third];
        foreach (int sentence in aligned)
        {
            if (count < maxPassages && sentence >= 0 && sentence < source.Sentences.Length)
            {
                passages[count++] = new Passage(sentence, 1);
            }
        }
        return count;
    }

    /// <summary>The text of a passage: its sentences as they stand in the source.</summary>
    public static string Text(IndexedSource source, Passage passage)
    {
        if (passage.SentenceCount == 1)
        {
            return source.SentenceText(passage.FirstSentence);
        }
        var first = source.Sentences[passage.FirstSentence].Span;
        var last = source.Sentences[passage.FirstSentence + passage.SentenceCount - 1].Span;
        return source.Text.Substring(first.Start, last.Start + last.Length - first.Start);
    }
}
