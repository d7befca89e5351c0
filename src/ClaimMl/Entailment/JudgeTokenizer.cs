using ClaimMl.Text;
using Microsoft.ML.Tokenizers;

namespace ClaimMl.Entailment;

/// <summary>
/// One claim–passage pair as the judge reads it: <c>[CLS] claim [SEP] passage [SEP]</c> as word-piece ids,
/// with the segment ids (0 for the claim part, 1 for the passage part) and whether either side was cut.
/// </summary>
/// <param name="Ids">Word-piece ids, special tokens included.</param>
/// <param name="SegmentIds">0 up to and including the first <c>[SEP]</c>, 1 after it.</param>
/// <param name="ClaimCut">The claim had more word pieces than the judge's claim budget; its end was cut.</param>
/// <param name="PassageCut">The passage did not fit in what the claim left of the window; its end was cut.</param>
internal sealed record JudgeInput(int[] Ids, int[] SegmentIds, bool ClaimCut, bool PassageCut)
{
    public int Length => Ids.Length;
}

/// <summary>
/// Turns claim–passage pairs into the judge's input, the same way at training and at check time: BERT
/// word pieces (Microsoft.ML.Tokenizers' <see cref="BertTokenizer"/>, lower-cased, over the encoder's
/// vocabulary), the claim cut to <see cref="MaxClaimTokens"/> word pieces, the passage to what is left of
/// <see cref="MaxTokens"/>; when the judge file says so, numbers written in words are read as digits first
/// (<see cref="NumberWords"/>). Thread-safe.
/// </summary>
internal sealed class JudgeTokenizer
{
    private readonly BertTokenizer _tokenizer;
    private readonly bool _numberWordsAsDigits;

    public JudgeTokenizer(Stream vocabulary, int maxTokens, int maxClaimTokens, bool numberWordsAsDigits = false)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTokens, 8);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxClaimTokens, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxClaimTokens, maxTokens - 4);
        _tokenizer = BertTokenizer.Create(vocabulary, new BertOptions { LowerCaseBeforeTokenization = true });
        MaxTokens = maxTokens;
        MaxClaimTokens = maxClaimTokens;
        _numberWordsAsDigits = numberWordsAsDigits;
    }

    /// <summary>
    /// The tokenizer a judge file describes: its window, its claim budget and how it reads numbers written in words.
    /// Everything that reads a judge's pairs (check time, calibrated rounding at export) builds it here, so that the
    /// pairs are read as the judge reads them.
    /// </summary>
    public static JudgeTokenizer For(Stream vocabulary, JudgeManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        return new JudgeTokenizer(vocabulary, manifest.MaxTokens, manifest.MaxClaimTokens, manifest.ReadsNumberWordsAsDigits);
    }

    /// <summary>Longest input, special tokens included.</summary>
    public int MaxTokens { get; }

    /// <summary>Most word pieces kept of a claim.</summary>
    public int MaxClaimTokens { get; }

    /// <summary>The id of <c>[PAD]</c>.</summary>
    public int PaddingId => _tokenizer.PaddingTokenId;

    /// <summary>The input for one pair.</summary>
    public JudgeInput Encode(string claim, string passage)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentNullException.ThrowIfNull(passage);
        return Combine(Pieces(claim), Pieces(passage));
    }

    /// <summary>The word-piece ids of a text, no special token, not cut (a claim's or a passage's, to combine later).</summary>
    public int[] Pieces(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        IReadOnlyList<int> ids = _tokenizer.EncodeToIds(_numberWordsAsDigits ? NumberWords.ToDigits(text) : text, addSpecialTokens: false);
        var pieces = new int[ids.Count];
        for (int i = 0; i < pieces.Length; i++)
        {
            pieces[i] = ids[i];
        }
        return pieces;
    }

    /// <summary>
    /// <c>[CLS] claim [SEP] passage [SEP]</c> from the two texts' word pieces (<see cref="Pieces"/>): the claim
    /// cut to <see cref="MaxClaimTokens"/>, the passage to what is left of <see cref="MaxTokens"/>.
    /// </summary>
    public JudgeInput Combine(ReadOnlySpan<int> claim, ReadOnlySpan<int> passage)
    {
        int claimCount = Math.Min(claim.Length, MaxClaimTokens);
        int passageCount = Math.Min(passage.Length, MaxTokens - 3 - claimCount);
        int length = claimCount + passageCount + 3;
        var ids = new int[length];
        var segments = new int[length];
        ids[0] = _tokenizer.ClassificationTokenId;
        claim[..claimCount].CopyTo(ids.AsSpan(1));
        ids[claimCount + 1] = _tokenizer.SeparatorTokenId;
        passage[..passageCount].CopyTo(ids.AsSpan(claimCount + 2));
        ids[length - 1] = _tokenizer.SeparatorTokenId;
        segments.AsSpan(claimCount + 2).Fill(1);
        return new JudgeInput(ids, segments, claimCount < claim.Length, passageCount < passage.Length);
    }
}
