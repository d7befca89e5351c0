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

    public static string Of(Stance stance) => stance switch
    {
        Stance.Supports => "supports",
        Stance.Refutes => "refutes",
        Stance.Discusses => "discusses",
        _ => "unrelated",
    };
}
