using ClaimMl.Indexing;
using ClaimMl.Text;
using static ClaimMl.Features.FeatureSet;

namespace ClaimMl.Features;

/// <summary>Which sentences of a source the claim aligned to, best first (-1 where there is none).</summary>
internal readonly record struct Alignment(int Best, int Second, int Third, float BestScore)
{
    /// <summary>The fourth-best aligned sentence (-1 where there is none); read by the judge only when its settings read more than three passages.</summary>
    public int Fourth { get; init; } = -1;

    /// <summary>The fifth-best aligned sentence (-1 where there is none).</summary>
    public int Fifth { get; init; } = -1;
}

/// <summary>
/// Computes the <see cref="FeatureSet"/> vector of one claim–source pair from their indexes.
/// Works on hashed stems and posting lists; allocates nothing once a thread's scratch buffer has
/// grown to the longest source it has seen.
/// </summary>
internal static class StanceFeaturizer
{
    private const int CueWindow = 4;

    /// <summary>Sentences that make a source's lead (where a debunking article usually says so).</summary>
    private const int LeadSentences = 3;

    /// <summary>Floats of per-sentence scratch kept with a thread (two per sentence, 512 KB).</summary>
    private const int MaxRetainedScratch = 1 << 17;

    /// <summary>Per-sentence accumulators (overlap, then dot product), one buffer per thread.</summary>
    [ThreadStatic]
    private static float[]? t_sentenceScratch;

    /// <summary>Fills <paramref name="features"/> (length <see cref="FeatureSet.Count"/>) and returns the alignment.</summary>
    public static Alignment Featurize(IndexedClaim claim, IndexedSource source, Span<float> features)
    {
        if (features.Length < Count)
        {
            throw new ArgumentException($"The feature buffer needs {Count} slots.", nameof(features));
        }
        features.Clear();

        features[ClaimContentTokens] = claim.Stems.Length;
        features[ClaimNegations] = claim.Negations;
        features[ClaimRefutingCues] = claim.RefutingCues;
        features[ClaimHedgingCues] = claim.HedgingCues;
        features[ClaimIsQuestion] = claim.IsQuestion ? 1 : 0;
        features[ClaimPolarity] = (claim.Negations + claim.RefutingCues) % 2;

        int sentenceCount = source.Sentences.Length;
        features[SourceSentencesLog] = MathF.Log(1 + sentenceCount);
        float perSentence = 1f / Math.Max(1, sentenceCount);
        features[SourceNegationRate] = source.Negations * perSentence;
        features[SourceRefutingRate] = source.RefutingCues * perSentence;
        features[SourceHedgingRate] = source.HedgingCues * perSentence;
        features[SourcePolarity] = (source.Negations + source.RefutingCues) % 2;
        features[SourceDenialRate] = source.Denials * perSentence;
        for (int s = 0; s < Math.Min(LeadSentences, sentenceCount); s++)
        {
            features[LeadDenials] += source.Sentences[s].Denials;
        }
        features[ClaimNumbers] = claim.Numbers.Length;

        if (sentenceCount == 0 || claim.Stems.Length == 0)
        {
            var none = new Alignment(-1, -1, -1, 0);
            ClaimCoverage.Add(claim, source, none, features);
            return none;
        }

        float[] scratch = t_sentenceScratch is { } buffer && buffer.Length >= 2 * sentenceCount
            ? buffer
            : 2 * sentenceCount <= MaxRetainedScratch
                ? t_sentenceScratch = new float[Math.Max(2 * sentenceCount, 256)]
                : new float[2 * sentenceCount]; // a source of more than 64K sentences: not kept with the thread
        Span<float> overlap = scratch.AsSpan(0, sentenceCount);
        Span<float> dot = scratch.AsSpan(sentenceCount, sentenceCount);
        overlap.Clear();
        dot.Clear();

        int matched = 0;
        float matchedWeight = 0, leadWeight = 0;
        double sourceDot = 0;
        for (int i = 0; i < claim.Stems.Length; i++)
        {
            if (!source.TryGetPostings(claim.Stems[i], out StemPostings postings))
            {
                continue;
            }
            float w = claim.StemWeights[i];
            matched++;
            matchedWeight += w;
            sourceDot += (double)w * w * postings.Count;
            ReadOnlySpan<int> sentences = source.PostingSentences(postings);
            ReadOnlySpan<int> counts = source.PostingCounts(postings);
            bool inLead = false;
            for (int j = 0; j < sentences.Length; j++)
            {
                int s = sentences[j];
                overlap[s] += w;
                dot[s] += w * w * counts[j];
                inLead |= s < 2;
            }
            if (inLead)
            {
                leadWeight += w;
            }
        }

        float totalWeight = Math.Max(claim.TotalWeight, 1e-6f);
        features[OverlapFraction] = (float)matched / claim.Stems.Length;
        features[OverlapIdfFraction] = matchedWeight / totalWeight;
        features[OverlapJaccard] = (float)matched / (claim.Stems.Length + source.DistinctStemCount - matched);
        features[LeadOverlapIdfFraction] = leadWeight / totalWeight;
        features[TfIdfCosineSource] = Cosine(sourceDot, claim.Norm, source.Norm);

        int bigramHits = 0;
        foreach (ulong bigram in claim.Bigrams)
        {
            if (source.HasBigram(bigram))
            {
                bigramHits++;
            }
        }
        features[BigramOverlapFraction] = claim.Bigrams.Length == 0 ? 0 : (float)bigramHits / claim.Bigrams.Length;

        // Align: score each sentence by IDF-weighted overlap and TF-IDF cosine; keep the top five (the features use
        // three, the judge may read five). Plain locals: this runs for every sentence of every source a claim meets.
        int best = -1, second = -1, third = -1, fourth = -1, fifth = -1;
        float bestScore = 0, secondScore = 0, thirdScore = 0, fourthScore = 0, fifthScore = 0;
        int aligned = 0;
        float denialOverlap = 0;
        for (int s = 0; s < sentenceCount; s++)
        {
            if (overlap[s] <= 0)
            {
                continue;
            }
            float fraction = overlap[s] / totalWeight;
            if (source.Sentences[s].Denials > 0)
            {
                denialOverlap = Math.Max(denialOverlap, fraction);
            }
            if (fraction >= 0.5f)
            {
                aligned++;
            }
            float score = 0.5f * fraction + 0.5f * Cosine(dot[s], claim.Norm, source.Sentences[s].Norm);
            if (score <= fifthScore)
            {
                continue;
            }
            (fifth, fifthScore) = (s, score);
            if (score > fourthScore)
            {
                (fifth, fifthScore, fourth, fourthScore) = (fourth, fourthScore, s, score);
                if (score > thirdScore)
                {
                    (fourth, fourthScore, third, thirdScore) = (third, thirdScore, s, score);
                    if (score > secondScore)
                    {
                        (third, thirdScore, second, secondScore) = (second, secondScore, s, score);
                        if (score > bestScore)
                        {
                            (second, secondScore, best, bestScore) = (best, bestScore, s, score);
                        }
                    }
                }
            }
        }
        features[AlignedSentenceFraction] = (float)aligned / sentenceCount;
        features[DenialSentenceOverlap] = denialOverlap;

        if (best >= 0)
        {
            IndexedSentence sentence = source.Sentences[best];
            features[BestSentenceOverlap] = overlap[best] / totalWeight;
            features[BestSentenceCosine] = Cosine(dot[best], claim.Norm, sentence.Norm);
            features[BestSentencePosition] = sentenceCount == 1 ? 0 : (float)best / (sentenceCount - 1);
            features[BestSentenceNegations] = sentence.Negations;
            features[BestSentenceRefutingCues] = sentence.RefutingCues;
            features[BestSentenceHedgingCues] = sentence.HedgingCues;
            features[NegationMismatch] = (claim.Negations % 2) != (sentence.Negations % 2) ? 1 : 0;
            features[CuesNearMatchedWords] = CuesNearMatches(claim, source.SentenceTokens(best));
            features[NumberConflictBestSentence] = NumberConflict(claim, source.SentenceTokens(best));
        }
        if (second >= 0)
        {
            features[SecondSentenceOverlap] = overlap[second] / totalWeight;
        }
        foreach (int s in (ReadOnlySpan<int>)[best, second, third])
        {
            if (s >= 0)
            {
                features[TopSentencesRefutingCues] += source.Sentences[s].RefutingCues;
                features[TopSentencesHedgingCues] += source.Sentences[s].HedgingCues;
                features[TopSentencesNegations] += source.Sentences[s].Negations;
                features[TopSentencesDenials] += source.Sentences[s].Denials;
            }
        }

        if (claim.Numbers.Length > 0)
        {
            int found = 0;
            foreach (ulong number in claim.Numbers)
            {
                if (source.HasNumber(number))
                {
                    found++;
                }
            }
            features[NumbersFoundFraction] = (float)found / claim.Numbers.Length;
            features[NumberConflictSource] = source.NumberCount > 0 ? 1f - features[NumbersFoundFraction] : 0;
        }
        var alignment = new Alignment(best, second, third, bestScore) { Fourth = fourth, Fifth = fifth };
        ClaimCoverage.Add(claim, source, alignment, features);
        return alignment;
    }

    private static float Cosine(double dot, float normA, float normB) =>
        normA <= 0 || normB <= 0 ? 0 : (float)Math.Min(1.0, dot / ((double)normA * normB));

    /// <summary>Negation and refuting cue tokens within a few words of a claim word, in one sentence.</summary>
    private static float CuesNearMatches(IndexedClaim claim, ReadOnlySpan<Token> tokens)
    {
        int cues = 0;
        for (int t = 0; t < tokens.Length; t++)
        {
            if ((tokens[t].Flags & (TokenFlags.Negation | TokenFlags.RefutingCue)) == 0)
            {
                continue;
            }
            int from = Math.Max(0, t - CueWindow), to = Math.Min(tokens.Length - 1, t + CueWindow);
            for (int u = from; u <= to; u++)
            {
                if (u != t && tokens[u].IsContent && claim.IndexOfStem(tokens[u].Stem) >= 0)
                {
                    cues++;
                    break;
                }
            }
        }
        return cues;
    }

    /// <summary>
    /// Share of the claim's numbers that the sentence does not state, when the sentence states
    /// numbers of its own ("10,000 troops" against "3,000 troops"); 0 when either has none.
    /// </summary>
    internal static float NumberConflict(IndexedClaim claim, ReadOnlySpan<Token> tokens)
    {
        if (claim.Numbers.Length == 0)
        {
            return 0;
        }
        bool sentenceHasNumbers = false;
        int missing = 0;
        foreach (ulong number in claim.Numbers)
        {
            bool found = false;
            foreach (Token token in tokens)
            {
                if (token.IsNumber)
                {
                    sentenceHasNumbers = true;
                    if (token.Term == number)
                    {
                        found = true;
                        break;
                    }
                }
            }
            if (!found)
            {
                missing++;
            }
        }
        return sentenceHasNumbers ? (float)missing / claim.Numbers.Length : 0;
    }
}
