namespace ClaimMl;

/// <summary>The position one source takes on a claim.</summary>
public enum Stance
{
    /// <summary>The source states the claim (FNC-1 "agree").</summary>
    Supports,

    /// <summary>The source contradicts the claim (FNC-1 "disagree").</summary>
    Refutes,

    /// <summary>The source is about the claim but takes no position on it (FNC-1 "discuss").</summary>
    Discusses,

    /// <summary>The source is about something else.</summary>
    Unrelated,
}

/// <summary>The verdict on a claim over all of its sources.</summary>
public enum Verdict
{
    /// <summary>At least one source supports the claim and none refutes it.</summary>
    Confirmed,

    /// <summary>At least one source refutes the claim, whether or not others support it.</summary>
    Disputed,

    /// <summary>No source takes a position: they only discuss the claim, or are unrelated to it.</summary>
    Unverified,
}
