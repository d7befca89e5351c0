namespace ClaimMl;

/// <summary>
/// Chooses the models of the <see cref="ClaimChecker"/> that
/// <see cref="ClaimCheckingServiceCollectionExtensions.AddClaimChecking"/> registers. Leave everything unset for the
/// models shipped inside the package in the <see cref="ClaimCheckingMode.Judged"/> mode. Set at most one of
/// <see cref="ModelPath"/> and <see cref="ModelStreamFactory"/> (the stance model), and at most one of
/// <see cref="JudgePath"/> and <see cref="JudgeStreamFactory"/> (the entailment judge, not with the lexical-only mode).
/// </summary>
public sealed class ClaimCheckingOptions
{
    /// <summary>
    /// Path of a model file written by <c>claimml train</c>, or <see langword="null"/> (the default) for the
    /// model shipped inside the package.
    /// </summary>
    public string? ModelPath { get; set; }

    /// <summary>
    /// Opens the content of a model file (an embedded resource or a download of your own), or
    /// <see langword="null"/> (the default) for the model shipped inside the package. Called once, when the
    /// checker is first resolved; the stream is disposed after loading.
    /// </summary>
    public Func<Stream>? ModelStreamFactory { get; set; }

    /// <summary>
    /// <see cref="ClaimCheckingMode.Judged"/> (the default: the entailment judge reads the passages the lexical stage
    /// picks) or <see cref="ClaimCheckingMode.LexicalOnly"/> (the lexical stage alone: much faster, far less accurate
    /// about whether a source states a claim).
    /// </summary>
    public ClaimCheckingMode Mode { get; set; } = ClaimCheckingMode.Judged;

    /// <summary>
    /// Path of a judge model written by the judge trainer (<c>judge.zip</c>), or <see langword="null"/> (the default)
    /// for the judge shipped inside the package. The container disposes the checker, and with it this judge.
    /// </summary>
    public string? JudgePath { get; set; }

    /// <summary>
    /// Opens the content of a judge model, or <see langword="null"/> (the default) for the judge shipped inside the
    /// package. Called once, when the checker is first resolved; the stream is disposed after loading.
    /// </summary>
    public Func<Stream>? JudgeStreamFactory { get; set; }

    /// <summary>
    /// The input limits of the checker (longest source, longest claim, most sources); <see cref="ClaimCheckerLimits.Default"/>
    /// unless set, e.g. <c>options.Limits = new ClaimCheckerLimits { MaxSourceLength = 50_000_000 }</c>.
    /// </summary>
    public ClaimCheckerLimits Limits { get; set; } = ClaimCheckerLimits.Default;
}
