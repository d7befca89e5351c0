using System.Globalization;

namespace ClaimMl;

/// <summary>
/// How much input one <see cref="ClaimChecker"/> accepts: the longest source, the longest claim and
/// the most sources in one <see cref="SourceSet"/>. Input over a limit is refused with a
/// <see cref="ClaimCheckerLimitException"/> before any work is done, so that one oversized document
/// cannot take a server's memory or a request's time. The defaults suit news articles, passages and
/// reports; raise a limit with <see cref="ClaimChecker.WithLimits"/>, with
/// <see cref="ClaimCheckingOptions.Limits"/>, or with the matching <c>claimml check</c> option.
/// </summary>
/// <example>
/// <code>
/// ClaimChecker checker = ClaimChecker.CreateDefault().WithLimits(new ClaimCheckerLimits { MaxSourceLength = 50_000_000 });
/// </code>
/// </example>
public sealed record ClaimCheckerLimits
{
    /// <summary>Default of <see cref="MaxSourceLength"/>: 10,000,000 characters (about 10 MB of text, 1.5 million words).</summary>
    public const int DefaultMaxSourceLength = 10_000_000;

    /// <summary>Default of <see cref="MaxClaimLength"/>: 10,000 characters (about 1,500 words).</summary>
    public const int DefaultMaxClaimLength = 10_000;

    /// <summary>Default of <see cref="MaxSources"/>: 10,000 sources.</summary>
    public const int DefaultMaxSources = 10_000;

    /// <summary>The defaults.</summary>
    public static ClaimCheckerLimits Default { get; } = new();

    /// <summary>No limits, for the library's own evaluation runs on labeled sets it trusts.</summary>
    internal static ClaimCheckerLimits Unlimited { get; } = new() { MaxSourceLength = int.MaxValue, MaxClaimLength = int.MaxValue, MaxSources = int.MaxValue };

    /// <summary>
    /// The longest source text, in characters (UTF-16 code units, <see cref="string.Length"/>), that
    /// <see cref="ClaimChecker.Index"/> accepts. Indexing takes roughly 0.1 s and 20 MB of memory (text and
    /// index) per million characters, for as long as the <see cref="SourceSet"/> is kept. <c>claimml check --max-source-length</c>,
    /// which also holds the claims file and the <c>--text</c> file to this length.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive.</exception>
    public int MaxSourceLength
    {
        get;
        init => field = Positive(value);
    } = DefaultMaxSourceLength;

    /// <summary>
    /// The longest claim, in characters, that <see cref="ClaimChecker.Check"/>, <see cref="ClaimChecker.CheckAll"/>
    /// and <see cref="ClaimChecker.CheckText"/> (per sentence) accept. <c>claimml check --max-claim-length</c>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive.</exception>
    public int MaxClaimLength
    {
        get;
        init => field = Positive(value);
    } = DefaultMaxClaimLength;

    /// <summary>
    /// The most sources one <see cref="SourceSet"/> may hold, and so the most a claim is checked against in one
    /// call (each claim costs time in proportion to the sources). <c>claimml check --max-sources</c>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive.</exception>
    public int MaxSources
    {
        get;
        init => field = Positive(value);
    } = DefaultMaxSources;

    /// <summary>
    /// The text that says which limit was exceeded and how to raise it, after "... is N characters long, over the
    /// limit of M": e.g. <c>(ClaimCheckerLimits.MaxClaimLength; raise it with ClaimChecker.WithLimits, ClaimCheckingOptions.Limits or claimml check --max-claim-length)</c>.
    /// </summary>
    internal static string HowToRaise(string limit) =>
        $"ClaimCheckerLimits.{limit}; raise it with ClaimChecker.WithLimits, ClaimCheckingOptions.Limits or claimml check {CliOption(limit)}";

    /// <summary>The <c>claimml check</c> option that sets <paramref name="limit"/>.</summary>
    internal static string CliOption(string limit) => limit switch
    {
        nameof(MaxSourceLength) => "--max-source-length",
        nameof(MaxClaimLength) => "--max-claim-length",
        nameof(MaxSources) => "--max-sources",
        _ => throw new ArgumentOutOfRangeException(nameof(limit), limit, null),
    };

    /// <summary>"what is N unit, over the limit of M (how to raise)".</summary>
    internal static string Describe(string what, long actual, string unit, long limit, string limitName) =>
        string.Create(CultureInfo.InvariantCulture, $"{what} is {actual:N0} {unit}, over the limit of {limit:N0} ({HowToRaise(limitName)}).");

    internal void CheckClaim(string claim, string parameter, string what = "The claim")
    {
        if (claim.Length > MaxClaimLength)
        {
            throw new ClaimCheckerLimitException(nameof(MaxClaimLength), MaxClaimLength, claim.Length,
                Describe(what, claim.Length, "characters long", MaxClaimLength, nameof(MaxClaimLength)), parameter);
        }
    }

    internal void CheckSource(Source source, string parameter)
    {
        int length = source.Text?.Length ?? 0;
        if (length > MaxSourceLength)
        {
            throw new ClaimCheckerLimitException(nameof(MaxSourceLength), MaxSourceLength, length,
                Describe($"Source '{source.Name}'", length, "characters long", MaxSourceLength, nameof(MaxSourceLength)), parameter);
        }
    }

    /// <param name="count">The number of sources given, or (when <paramref name="exact"/> is false) the number counted so far.</param>
    /// <param name="exact">Whether <paramref name="count"/> is the whole number of sources.</param>
    /// <param name="parameter">The argument at fault.</param>
    internal void CheckSourceCount(long count, bool exact, string parameter)
    {
        if (count > MaxSources)
        {
            string what = exact
                ? string.Create(CultureInfo.InvariantCulture, $"{count:N0} sources were given")
                : string.Create(CultureInfo.InvariantCulture, $"More than {MaxSources:N0} sources were given");
            throw new ClaimCheckerLimitException(nameof(MaxSources), MaxSources, count,
                string.Create(CultureInfo.InvariantCulture, $"{what}, over the limit of {MaxSources:N0} ({HowToRaise(nameof(MaxSources))})."), parameter);
        }
    }

    private static int Positive(int value, [System.Runtime.CompilerServices.CallerMemberName] string name = "") =>
        value > 0 ? value : throw new ArgumentOutOfRangeException(name, value, $"{nameof(ClaimCheckerLimits)}.{name} must be positive.");
}

/// <summary>
/// Input over one of a checker's <see cref="ClaimCheckerLimits"/>: says which limit, by how much, and how to
/// raise it. Thrown before any work is done on the call.
/// </summary>
public sealed class ClaimCheckerLimitException : ArgumentException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="limitName">The <see cref="ClaimCheckerLimits"/> property exceeded, e.g. <c>MaxClaimLength</c>.</param>
    /// <param name="limit">The limit in force.</param>
    /// <param name="actual">The size of the input (for <c>MaxSources</c>, at least this many).</param>
    /// <param name="message">What is over the limit and how to raise it.</param>
    /// <param name="paramName">The argument at fault.</param>
    public ClaimCheckerLimitException(string limitName, long limit, long actual, string message, string? paramName = null)
        : base(message, paramName)
    {
        LimitName = limitName;
        Limit = limit;
        Actual = actual;
    }

    /// <summary>The <see cref="ClaimCheckerLimits"/> property exceeded: <c>MaxSourceLength</c>, <c>MaxClaimLength</c> or <c>MaxSources</c>.</summary>
    public string LimitName { get; }

    /// <summary>The limit in force.</summary>
    public long Limit { get; }

    /// <summary>The size of the input (for <c>MaxSources</c>, the count at which indexing stopped).</summary>
    public long Actual { get; }
}
