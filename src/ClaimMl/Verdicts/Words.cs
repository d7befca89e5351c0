namespace ClaimMl;

/// <summary>The lower-case words for verdicts and stances used in JSON, tables and reports; the one place that spells them.</summary>
internal static class Words
{
    public static string Of(Verdict verdict) => verdict switch
    {
        Verdict.Confirmed => "confirmed",
        Verdict.Disputed => "disputed",
        _ => "unverified",
    };

    /// <summary>The verdict a word spells (as <see cref="Of(Verdict)"/> writes it), or <see langword="null"/>.</summary>
    public static Verdict? VerdictOf(string? word) => word switch
    {
        "confirmed" => Verdict.Confirmed,
        "disputed" => Verdict.Disputed,
        "unverified" => Verdict.Unverified,
        _ => null,
    };

    public static string Of(Stance stance) => stance switch
    {
        Stance.Supports => "supports",
        Stance.Refutes => "refutes",
        Stance.Discusses => "discusses",
        _ => "unrelated",
    };
}
