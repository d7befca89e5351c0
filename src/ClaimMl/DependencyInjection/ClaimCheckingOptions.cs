namespace ClaimMl;

/// <summary>
/// Chooses the stance model of the <see cref="ClaimChecker"/> that
/// <see cref="ClaimCheckingServiceCollectionExtensions.AddClaimChecking"/> registers. Leave both
/// properties unset for the model shipped inside the package; set at most one of them.
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
    /// The input limits of the checker (longest source, longest claim, most sources); <see cref="ClaimCheckerLimits.Default"/>
    /// unless set, e.g. <c>options.Limits = new ClaimCheckerLimits { MaxSourceLength = 50_000_000 }</c>.
    /// </summary>
    public ClaimCheckerLimits Limits { get; set; } = ClaimCheckerLimits.Default;
}
