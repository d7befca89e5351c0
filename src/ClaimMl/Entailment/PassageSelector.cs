using ClaimMl.Features;
using ClaimMl.Indexing;

namespace ClaimMl.Entailment;

/// <summary>A passage of an indexed source: <see cref="SentenceCount"/> sentences from <see cref="FirstSentence"/>.</summary>
internal readonly record struct Passage(int FirstSentence, int SentenceCount);

/// <summary>
/// Chooses the passages of a source that the entailment judge reads for a claim: the sentences the claim
/// aligned to best (<see cref="Alignment"/>, found by the lexical stage), each on its own, best first; optionally
/// followed by one window of two adjacent sentences around the best-aligned one.
/// The trainer builds its news pairs with the same selection (without the window), so the judge is trained on what it reads.
/// </summary>
internal static class PassageSelector
{
    /// <summary>Most passages read per source.</summary>
    public const int MaxPassages = 3;

    /// <summary>Most passages read per source with the window: <see cref="MaxPassages"/> sentences and one window.</summary>
    public const int MaxReadings = MaxPassages + 1;

    /// <summary>
    /// Writes the passages of <paramref name="source"/> to read for a claim with this alignment into
    /// <paramref name="passages"/> (at least <paramref name="maxPassages"/> long, one more with <paramref name="window"/>)
    /// and returns how many there are: the aligned sentences, best first, then, with <paramref name="window"/> and a
    /// source of two sentences or more, the window: the best-aligned sentence and the second-best when they are adjacent,
    /// else the best-aligned sentence and the one after it (before it, when it is the last). The window is always last.
    /// </summary>
    public static int Select(IndexedSource source, Alignment alignment, Span<Passage> passages, int maxPassages = MaxPassages, bool window = false)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxPassages, MaxPassages);
        int needed = maxPassages + (window ? 1 : 0);
        if (passages.Length < needed)
        {
            throw new ArgumentException($"The passage buffer needs {needed} slots.", nameof(passages));
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
        int sentences = source.Sentences.Length;
        if (window && count > 0 && sentences >= 2)
        {
            int best = alignment.Best;
            int first = Math.Abs(alignment.Second - best) == 1 && alignment.Second >= 0 ? Math.Min(best, alignment.Second)
                : best + 1 < sentences ? best
                : best - 1;
            passages[count++] = new Passage(first, 2);
        }
        return count;
    }

    /// <summary>Whether <paramref name="passage"/> is a window (more than one sentence).</summary>
    public static bool IsWindow(Passage passage) => passage.SentenceCount > 1;

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
