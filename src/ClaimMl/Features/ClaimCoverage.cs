using System.Numerics;
using ClaimMl.Indexing;
using ClaimMl.Text;
using static ClaimMl.Features.FeatureSet;

namespace ClaimMl.Features;

/// <summary>
/// The coverage family of features: what of the claim the source does not say (rare words, names,
/// the claim's content missing from the best sentences) and what it says the opposite of
/// (antonyms in the aligned sentences). They separate a source that states a claim from one that
/// only shares its topic, and a source that contradicts it by wording rather than by negation.
/// </summary>
internal static class ClaimCoverage
{
    private const int HedgeWindow = 4;

    public static void Add(IndexedClaim claim, IndexedSource source, Alignment alignment, Span<float> features)
    {
        int stemCount = Math.Min(claim.Stems.Length, 64);
        features[ClaimNames] = BitOperations.PopCount(claim.CapitalizedMask);
        if (stemCount == 0)
        {
            return;
        }

        // Claim stems the whole source lacks.
        ulong inSource = 0;
        for (int i = 0; i < stemCount; i++)
        {
            if (source.TryGetPostings(claim.Stems[i], out _))
            {
                inSource |= 1UL << i;
            }
        }
        ulong all = stemCount == 64 ? ulong.MaxValue : (1UL << stemCount) - 1;
        features[SourceUnmatchedWords] = BitOperations.PopCount(all & ~inSource);
        features[SourceUnmatchedMaxIdf] = MaxWeight(claim, all & ~inSource);
        features[SourceUnmatchedNames] = BitOperations.PopCount(claim.CapitalizedMask & ~inSource);

        if (alignment.Best < 0)
        {
            return;
        }
        ulong inBest = StemsIn(claim, source.SentenceTokens(alignment.Best), stemCount);
        ulong inSecond = alignment.Second >= 0 ? StemsIn(claim, source.SentenceTokens(alignment.Second), stemCount) : 0;
        features[BestSentenceUnmatchedMaxIdf] = MaxWeight(claim, all & ~inBest);
        features[BestSentenceUnmatchedNames] = BitOperations.PopCount(claim.CapitalizedMask & ~inBest);
        features[TopTwoSentencesCoverage] = Weight(claim, inBest | inSecond) / Math.Max(claim.TotalWeight, 1e-6f);
        features[BestSentenceLengthLog] = MathF.Log(1 + source.Sentences[alignment.Best].TokenCount);
        features[HedgesNearMatchedWords] = HedgesNearMatches(claim, source.SentenceTokens(alignment.Best));

        float conflicts = AntonymConflicts(claim, source.SentenceTokens(alignment.Best));
        features[BestSentenceAntonymConflicts] = conflicts;
        foreach (int s in (ReadOnlySpan<int>)[alignment.Second, alignment.Third])
        {
            if (s >= 0)
            {
                conflicts += AntonymConflicts(claim, source.SentenceTokens(s));
            }
        }
        features[TopSentencesAntonymConflicts] = conflicts;
    }

    private static ulong StemsIn(IndexedClaim claim, ReadOnlySpan<Token> tokens, int stemCount)
    {
        ulong mask = 0;
        foreach (Token token in tokens)
        {
            if (!token.IsContent)
            {
                continue;
            }
            int i = claim.IndexOfStem(token.Stem);
            if (i >= 0 && i < stemCount)
            {
                mask |= 1UL << i;
            }
        }
        return mask;
    }

    private static float MaxWeight(IndexedClaim claim, ulong mask)
    {
        float max = 0;
        while (mask != 0)
        {
            int i = BitOperations.TrailingZeroCount(mask);
            max = Math.Max(max, claim.StemWeights[i]);
            mask &= mask - 1;
        }
        return max;
    }

    private static float Weight(IndexedClaim claim, ulong mask)
    {
        float sum = 0;
        while (mask != 0)
        {
            int i = BitOperations.TrailingZeroCount(mask);
            sum += claim.StemWeights[i];
            mask &= mask - 1;
        }
        return sum;
    }

    /// <summary>Claim words whose opposite the sentence uses while not using the word itself.</summary>
    private static float AntonymConflicts(IndexedClaim claim, ReadOnlySpan<Token> sentence)
    {
        int conflicts = 0;
        foreach (Token word in claim.Tokens)
        {
            ReadOnlySpan<ulong> opposites = Antonyms.Of(word.Stem);
            if (opposites.IsEmpty || Contains(sentence, word.Stem))
            {
                continue;
            }
            foreach (ulong opposite in opposites)
            {
                if (Contains(sentence, opposite))
                {
                    conflicts++;
                    break;
                }
            }
        }
        return conflicts;
    }

    private static bool Contains(ReadOnlySpan<Token> tokens, ulong stem)
    {
        foreach (Token token in tokens)
        {
            if (token.Stem == stem)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Hedging cue tokens (reportedly, allegedly, may) within a few words of a claim word.</summary>
    private static float HedgesNearMatches(IndexedClaim claim, ReadOnlySpan<Token> tokens)
    {
        int hedges = 0;
        for (int t = 0; t < tokens.Length; t++)
        {
            if ((tokens[t].Flags & TokenFlags.HedgingCue) == 0)
            {
                continue;
            }
            int from = Math.Max(0, t - HedgeWindow), to = Math.Min(tokens.Length - 1, t + HedgeWindow);
            for (int u = from; u <= to; u++)
            {
                if (u != t && tokens[u].IsContent && claim.IndexOfStem(tokens[u].Stem) >= 0)
                {
                    hedges++;
                    break;
                }
            }
        }
        return hedges;
    }
}
