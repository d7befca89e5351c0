namespace ClaimMl.Features;

/// <summary>
/// The one definition of the stance features: their order, their stable names and what each
/// measures. The trainer and the scorer both use it, and the model file stores the names so that
/// loading can check that a model was trained on this feature set.
/// </summary>
internal static class FeatureSet
{
    /// <summary>Version of the feature definitions; bump when a feature's meaning changes.</summary>
    public const int Version = 3;

    // Claim on its own
    public const int ClaimContentTokens = 0;
    public const int ClaimNegations = 1;
    public const int ClaimRefutingCues = 2;
    public const int ClaimHedgingCues = 3;
    public const int ClaimIsQuestion = 4;
    public const int ClaimPolarity = 5;

    // Whole source (FNC-1 baseline families: overlap, cue words, polarity)
    public const int SourceSentencesLog = 6;
    public const int OverlapFraction = 7;
    public const int OverlapIdfFraction = 8;
    public const int OverlapJaccard = 9;
    public const int BigramOverlapFraction = 10;
    public const int LeadOverlapIdfFraction = 11;
    public const int TfIdfCosineSource = 12;
    public const int SourceNegationRate = 13;
    public const int SourceRefutingRate = 14;
    public const int SourceHedgingRate = 15;
    public const int SourcePolarity = 16;

    // The source sentence that best matches the claim
    public const int BestSentenceOverlap = 17;
    public const int BestSentenceCosine = 18;
    public const int BestSentencePosition = 19;
    public const int SecondSentenceOverlap = 20;
    public const int AlignedSentenceFraction = 21;
    public const int BestSentenceNegations = 22;
    public const int BestSentenceRefutingCues = 23;
    public const int BestSentenceHedgingCues = 24;
    public const int NegationMismatch = 25;
    public const int CuesNearMatchedWords = 26;
    public const int TopSentencesRefutingCues = 27;
    public const int TopSentencesHedgingCues = 28;
    public const int TopSentencesNegations = 29;

    // Numbers
    public const int ClaimNumbers = 30;
    public const int NumbersFoundFraction = 31;
    public const int NumberConflictBestSentence = 32;
    public const int NumberConflictSource = 33;

    // Coverage: what of the claim the source leaves unsaid, or says the opposite of (ClaimCoverage)
    public const int ClaimNames = 34;
    public const int SourceUnmatchedWords = 35;
    public const int SourceUnmatchedMaxIdf = 36;
    public const int SourceUnmatchedNames = 37;
    public const int BestSentenceUnmatchedMaxIdf = 38;
    public const int BestSentenceUnmatchedNames = 39;
    public const int TopTwoSentencesCoverage = 40;
    public const int BestSentenceLengthLog = 41;
    public const int HedgesNearMatchedWords = 42;
    public const int BestSentenceAntonymConflicts = 43;
    public const int TopSentencesAntonymConflicts = 44;

    // Denials: words that call something untrue ("hoax", "debunked", "not true"), apart from weaker refuting cues
    public const int SourceDenialRate = 45;
    public const int LeadDenials = 46;
    public const int TopSentencesDenials = 47;
    public const int DenialSentenceOverlap = 48;

    /// <summary>Number of features.</summary>
    public const int Count = 49;

    /// <summary>
    /// The feature families, for ablation (<c>claimml train --ablate</c>): each family's feature
    /// indexes. <c>claim.content_tokens</c> belongs to none.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, int[]> Families = new Dictionary<string, int[]>(StringComparer.Ordinal)
    {
        ["overlap"] = [SourceSentencesLog, OverlapFraction, OverlapIdfFraction, OverlapJaccard, BigramOverlapFraction, LeadOverlapIdfFraction, TfIdfCosineSource],
        ["cues"] = [ClaimNegations, ClaimRefutingCues, ClaimHedgingCues, ClaimIsQuestion, ClaimPolarity, SourceNegationRate, SourceRefutingRate, SourceHedgingRate, SourcePolarity],
        ["best-sentence"] = [BestSentenceOverlap, BestSentenceCosine, BestSentencePosition, SecondSentenceOverlap, AlignedSentenceFraction, BestSentenceNegations,
            BestSentenceRefutingCues, BestSentenceHedgingCues, NegationMismatch, CuesNearMatchedWords, TopSentencesRefutingCues, TopSentencesHedgingCues, TopSentencesNegations],
        ["numbers"] = [ClaimNumbers, NumbersFoundFraction, NumberConflictBestSentence, NumberConflictSource],
        ["coverage"] = [ClaimNames, SourceUnmatchedWords, SourceUnmatchedMaxIdf, SourceUnmatchedNames, BestSentenceUnmatchedMaxIdf, BestSentenceUnmatchedNames,
            TopTwoSentencesCoverage, BestSentenceLengthLog, HedgesNearMatchedWords, BestSentenceAntonymConflicts, TopSentencesAntonymConflicts],
        ["denials"] = [SourceDenialRate, LeadDenials, TopSentencesDenials, DenialSentenceOverlap],
    };

    /// <summary>Stable, readable names, in vector order.</summary>
    public static readonly string[] Names =
    [
        "claim.content_tokens",
        "claim.negations",
        "claim.refuting_cues",
        "claim.hedging_cues",
        "claim.is_question",
        "claim.polarity",
        "source.sentences_log",
        "overlap.fraction",
        "overlap.idf_fraction",
        "overlap.jaccard",
        "overlap.bigram_fraction",
        "overlap.lead_idf_fraction",
        "tfidf.cosine_source",
        "source.negation_rate",
        "source.refuting_rate",
        "source.hedging_rate",
        "source.polarity",
        "best_sentence.overlap",
        "best_sentence.cosine",
        "best_sentence.position",
        "second_sentence.overlap",
        "aligned_sentences.fraction",
        "best_sentence.negations",
        "best_sentence.refuting_cues",
        "best_sentence.hedging_cues",
        "best_sentence.negation_mismatch",
        "best_sentence.cues_near_matches",
        "top_sentences.refuting_cues",
        "top_sentences.hedging_cues",
        "top_sentences.negations",
        "numbers.in_claim",
        "numbers.found_fraction",
        "numbers.conflict_best_sentence",
        "numbers.conflict_source",
        "claim.names",
        "source.unmatched_words",
        "source.unmatched_max_idf",
        "source.unmatched_names",
        "best_sentence.unmatched_max_idf",
        "best_sentence.unmatched_names",
        "top_two_sentences.coverage",
        "best_sentence.length_log",
        "best_sentence.hedges_near_matches",
        "best_sentence.antonym_conflicts",
        "top_sentences.antonym_conflicts",
        "source.denial_rate",
        "lead.denials",
        "top_sentences.denials",
        "denial_sentence.overlap",
    ];
}
