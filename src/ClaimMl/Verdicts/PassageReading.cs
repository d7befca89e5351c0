namespace ClaimMl;

/// <summary>
/// One passage of a source that the entailment judge read against the claim, and what it read: the probability
/// that the passage states the claim, contradicts it, or neither.
/// </summary>
public sealed class PassageReading
{
    internal PassageReading(string text, EntailmentProbabilities probabilities, bool claimCut, bool passageCut, bool isWindow = false)
    {
        Text = text;
        IsWindow = isWindow;
        Probabilities = probabilities;
        ClaimCut = claimCut;
        PassageCut = passageCut;
    }

    /// <summary>
    /// The passage as it stands in the source; a window of two sentences that do not stand together shows them with
    /// " … " between them.
    /// </summary>
    public string Text { get; }

    /// <summary>The judge's probabilities for the claim against this passage.</summary>
    public EntailmentProbabilities Probabilities { get; }

    /// <summary>The claim was longer than the judge's window allows for a claim; its end was not read.</summary>
    public bool ClaimCut { get; }

    /// <summary>The passage did not fit in what the claim left of the judge's window; its end was not read.</summary>
    public bool PassageCut { get; }

    /// <summary>
    /// The passage is the window of two sentences (read when the judge's settings say so) rather than one sentence;
    /// when the settings read the window for entailment only, its probability of contradicting does not make the
    /// source refute.
    /// </summary>
    public bool IsWindow { get; }
}
