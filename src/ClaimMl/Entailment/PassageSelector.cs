using ClaimMl.Features;
using ClaimMl.Indexing;

namespace ClaimMl.Entailment;

/// <summary>
/// A passage of an indexed source: <see cref="SentenceCount"/> sentences from <see cref="FirstSentence"/>; or, with
/// <see cref="Joined"/> set, the sentence <see cref="FirstSentence"/> followed by the later, not adjacent, sentence
/// <see cref="Joined"/> (a window of two sentences that do not stand together in the source).
/// </summary>
internal readonly record struct Passage(int FirstSentence, int SentenceCount, int Joined = -1);

/// <summary>
/// Chooses the passages of a source that the entailment judge reads for a claim: the sentences the claim
/// aligned to best (<see cref="Alignment"/>, found by the lexical stage), each on its own, best first; optionally
/// followed by one window of two sentences: the best-aligned and the second-best joined, for claims that fuse them.
/// The trainer builds its news pairs with the same selection (without the window), so the judge is trained on what it reads.
/// </summary>
internal static class PassageSelector
{
    /// <summary>
    /// Passages read per source unless the judge's settings say otherwise (<see cref="JudgeVerdictSettings.Passages"/>);
    /// also what the trainer selects for its news pairs.
    /// </summary>
    public const int DefaultPassages = 3;

    /// <summary>Most passages read per source: the lexical alignment keeps this many best sentences.</summary>
    public const int MaxPassages = 5;

    /// <summary>Most passages read per source with the window: <see cref="MaxPassages"/> sentences and one window.</summary>
    public const int MaxReadings = MaxPassages + 1;

    /// <summary>
    /// Writes the passages of <paramref name="source"/> to read for a claim with this alignment into
    /// <paramref name="passages"/> (at least <paramref name="maxPassages"/> long, one more with <paramref name="window"/>)
    /// and returns how many there are: the aligned sentences, best first, then, with <paramref name="window"/> and a
    /// source of two sentences or more, the window: the best-aligned sentence and the second-best, joined in the order
    /// they stand in the source (adjacent or not); without a second-best, the best-aligned sentence and the one after it
    /// (before it, when it is the last). The window is always last.
    /// </summary>
    public static int Select(IndexedSource source, Alignment alignment, Span<Passage> passages, int maxPassages = DefaultPassages, bool window = false)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxPassages, MaxPassages);
        int needed = maxPassages + (window ? 1 : 0);
        if (passages.Length < needed)
        {
            throw new ArgumentException($"The passage buffer needs {needed} slots.", nameof(passages));
        }
        int count = 0;
        ReadOnlySpan<int> aligned = [alignment.Best, alignment.Second, alignment.Third, alignment.Fourth, alignment.Fifth];
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
            int second = alignment.Second;
            passages[count++] = second < 0 || second >= sentences || second == best ? new Passage(best + 1 < sentences ? best : best - 1, 2)
                : Math.Abs(second - best) == 1 ? new Passage(Math.Min(best, second), 2)
                : new Passage(Math.Min(best, second), 1, Math.Max(best, second));
        }
        return count;
    }

    /// <summary>Whether <paramref name="passage"/> is a window (more than one sentence).</summary>
    public static bool IsWindow(Passage passage) => passage.SentenceCount > 1 || passage.Joined >= 0;

    /// <summary>Between the two sentences of a joined window in its text: they do not stand together in the source.</summary>
    public const string JoinedSeparator = " … ";

    /// <summary>
    /// The text of a passage, as shown (evidence, <c>--explain</c>): its sentences as they stand in the source; two that
    /// do not stand together (a joined window) with <see cref="JoinedSeparator"/> between them, so that each part is
    /// text of the source. The judge reads their word pieces one after the other, as it reads adjacent ones.
    /// </summary>
    public static string Text(IndexedSource source, Passage passage)
    {
        if (passage.Joined >= 0)
        {
            return source.SentenceText(passage.FirstSentence) + JoinedSeparator + source.SentenceText(passage.Joined);
        }
        if (passage.SentenceCount == 1)
        {
            return source.SentenceText(passage.FirstSentence);
        }
        var first = source.Sentences[passage.FirstSentence].Span;
        var last = source.Sentences[passage.FirstSentence + passage.SentenceCount - 1].Span;
        return source.Text.Substring(first.Start, last.Start + last.Length - first.Start);
    }
}
